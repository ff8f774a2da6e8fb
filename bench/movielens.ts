/**
 * Recommender data with real ids: `npm run bench:movielens [-- --csv FILE] [-- --seeds N]
 * [-- --db FILE] [-- --json]`.
 *
 * MovieLens latest-small (100,004 ratings of 9,066 movies by 671 users; F. M. Harper and J. A.
 * Konstan, ACM TiiS 5(4), 2015), as Debian's r-cran-dslabs ships it. GroupLens's licence allows
 * research use and forbids redistribution, so taskgroup does not bundle it: this benchmark
 * extracts it at its start with examples/extract/extract.sh (apt-get download, dpkg-deb -x,
 * python3-rdata) into a folder of the system's temporary directory, once, or reads `--csv FILE`.
 * One task per main genre: like_GENRE = rating ≥ 4, empty where the movie is not of the genre.
 * Features: userId, movieId, year, timestamp and one 0/1 column per genre.
 *
 * Two default searches of the eight tasks on one database: the ids as the CSV has them (numbers,
 * standardised: the loader warns that they look like ids), and `--embed userId,movieId`. Prints
 * each task's loss alone in both (mean over seeds, the same validation rows), then group or
 * gate for both: the chosen grouping, the all-in-one network and the MMoE baseline, with the
 * MMoE − chosen difference seed by seed.
 * --smoke: planted per-user ids (bench/plantedIds.ts), 4 tasks, short runs: the same searches.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportModel } from '../src/report/model.js';
import { benchFlags, runBench, SMOKE_NOTE, usageError } from './flags.js';
import { gateCells, GATE_HEADER } from './gateRows.js';
import { plantedIdsTask, writePlantedIdsCsv } from './plantedIds.js';
import { searchJson } from './searchChild.js';

const GENRES = ['Drama', 'Comedy', 'Action', 'Thriller', 'Adventure', 'Romance', 'Crime', 'Sci-Fi'];

const flags = benchFlags('movielens', {
  csv: { type: 'string' },
  seeds: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
});
const values = flags.values;
const seeds = flags.int('seeds') ?? 3;

/** The data, its tasks and its id columns: MovieLens, or planted ids for a smoke run. */
function dataset(dir: string): { csv: string; tasks: string[]; ids: string[]; proxy: string[] } {
  if (flags.smoke) {
    const csv = join(dir, 'planted-ids.csv');
    writePlantedIdsCsv(csv, { rows: 1200, users: 60, clusters: [0, 0, 1, 1], seed: 3 });
    const proxy = ['--rows', '600', '--epochs', '1', '--min-steps', '0', '--seeds', '2'];
    return { csv, tasks: [0, 1, 2, 3].map(plantedIdsTask), ids: ['user_id'], proxy };
  }
  const csv = values.csv ?? extracted();
  return {
    csv,
    tasks: GENRES.map((g) => `like_${g}`),
    ids: ['userId', 'movieId'],
    proxy: ['--seeds', String(seeds)],
  };
}

/** MovieLens extracted from r-cran-dslabs into the temporary directory, once. */
function extracted(): string {
  const folder = join(tmpdir(), 'taskgroup-bench-movielens');
  const csv = join(folder, 'movielens.csv');
  if (existsSync(csv)) return csv;
  mkdirSync(folder, { recursive: true });
  const script = fileURLToPath(new URL('../examples/extract/extract.sh', import.meta.url));
  try {
    execFileSync('bash', [script, 'movielens', csv], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    usageError(
      'movielens',
      'extracting MovieLens failed (the line above says why); or pass --csv FILE',
    );
  }
  return csv;
}

interface Side {
  label: string;
  model: ReportModel;
}

/** Each task's loss alone with the ids as numbers and embedded, and the change. */
function aloneTable(sides: Side[]): string[] {
  const [plain, embedded] = sides;
  const lossOf = (side: Side, task: string) =>
    side.model.perTask.find((row) => row.task === task)?.lossAlone ?? NaN;
  const rows = plain.model.tasks.map((task) => {
    const a = lossOf(plain, task);
    const b = lossOf(embedded, task);
    return [
      task.padEnd(16),
      a.toFixed(4).padStart(12),
      b.toFixed(4).padStart(12),
      `${((100 * (b - a)) / a).toFixed(1)} %`.padStart(9),
    ];
  });
  return [
    `${'task'.padEnd(16)} ${'ids as data'.padStart(12)} ${'--embed ids'.padStart(12)} ${'change'.padStart(9)}`,
    ...rows.map((cells) => cells.join(' ')),
  ];
}

await runBench('movielens', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskgroup-movielens-'));
  if (flags.smoke || !values.db)
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const db = values.db ?? join(dir, 'movielens.db');
  const data = dataset(dir);
  const base = ['--data', data.csv, '--tasks', data.tasks.join(','), ...data.proxy, '--db', db];
  const load = loadavg()[0];
  const sides: Side[] = [
    { label: 'ids as data', model: searchJson('movielens', base) },
    {
      label: '--embed ids',
      model: searchJson('movielens', [...base, '--embed', data.ids.join(',')]),
    },
  ];
  if (values.json) {
    console.log(JSON.stringify({ smoke: flags.smoke, load, sides }));
    return;
  }
  if (flags.smoke) console.log(SMOKE_NOTE);
  console.log(
    `Loss of each task trained alone (mean over ${sides[0].model.facts.seeds} seeds, validation rows):`,
  );
  for (const line of aloneTable(sides)) console.log(line);
  console.log(
    '\nGroup or gate (objective: mean loss relative to each task alone; lower is better):',
  );
  console.log(GATE_HEADER);
  for (const side of sides) console.log(gateCells(side.label, side.model));
  console.log(
    `\nload average ${load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`,
  );
});
