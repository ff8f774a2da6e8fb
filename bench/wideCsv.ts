/**
 * The data of bench:load: a recommender-like CSV of `rows` rows and 30 columns, the same bytes
 * for the same rows and seed. 4 task columns (binary click, like with gaps, purchase mostly
 * unlabelled, regression watch_min) and 26 features: 18 decimals, 3 counts, 3 categoricals with
 * a handful of levels (one-hot) and 2 id columns with thousands (hashed). About 177 bytes a row,
 * so 1,000,000 rows make the 177 MB file of the issue.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mulberry32 } from '../src/random.js';

export const WIDE_TASKS = ['click', 'like', 'purchase', 'watch_min'];

const COUNTRIES = ['us', 'in', 'br', 'id', 'mx', 'de', 'fr', 'jp', 'ng', 'gb', 'tr', 'ph'];
const DEVICES = ['mobile', 'tablet', 'desktop', 'tv'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DECIMALS = 18;
const COUNTS = 3;

export const WIDE_HEADER = [
  ...WIDE_TASKS,
  ...Array.from({ length: DECIMALS }, (_, k) => `f${k}`),
  ...Array.from({ length: COUNTS }, (_, k) => `n${k}`),
  'country',
  'device',
  'weekday',
  'item_id',
  'creator_id',
];

/** `v` with 4 decimals, as toFixed(4) writes it but several times faster (integer formatting). */
function decimal4(v: number): string {
  const n = Math.round(v * 10_000);
  const a = Math.abs(n);
  return `${n < 0 ? '-' : ''}${Math.floor(a / 10_000)}.${String(a % 10_000).padStart(4, '0')}`;
}

/** One row's cells, pushed to `out`: labels depend on a few features so the file is data, not noise. */
function wideRow(rng: () => number, f: Float64Array, out: (string | number)[]): void {
  for (let k = 0; k < DECIMALS; k++) f[k] = (rng() - 0.5) * 8;
  const z = f[0] + 0.5 * f[1] - 0.3 * f[2];
  const pick = (list: string[]): string => list[Math.floor(rng() * list.length)];
  out.push(rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
  out.push(rng() < 0.3 ? '' : rng() < 1 / (1 + Math.exp(-f[3])) ? 1 : 0);
  out.push(rng() < 0.6 ? '' : rng() < 0.1 + 0.05 * Math.sign(z) ? 1 : 0);
  out.push(Math.max(0, 10 + 2 * z + 3 * rng()).toFixed(1));
  for (let k = 0; k < DECIMALS; k++) out.push(decimal4(f[k]));
  for (let k = 0; k < COUNTS; k++) out.push(Math.floor(rng() * rng() * 200));
  out.push(
    pick(COUNTRIES),
    pick(DEVICES),
    pick(DAYS),
    `i${Math.floor(rng() * 50_000)}`,
    `c${Math.floor(rng() * 3_000)}`,
  );
}

/** Writes the CSV to `file`, streaming, in chunks of 10,000 rows. */
export async function writeWideCsv(file: string, rows: number, seed: number): Promise<void> {
  const rng = mulberry32(seed);
  const features = new Float64Array(DECIMALS);
  const out = createWriteStream(file);
  out.write(`${WIDE_HEADER.join(',')}\n`);
  for (let start = 0; start < rows; start += 10_000) {
    const cells: (string | number)[] = [];
    for (let i = start; i < Math.min(rows, start + 10_000); i++) wideRow(rng, features, cells);
    if (!out.write(`${joinRows(cells, WIDE_HEADER.length)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Cells of whole rows joined with commas and newlines, in one string. */
function joinRows(cells: (string | number)[], width: number): string {
  const parts: string[] = [];
  for (let i = 0; i < cells.length; i += width) parts.push(cells.slice(i, i + width).join(','));
  return parts.join('\n');
}
