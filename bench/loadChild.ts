/**
 * One measurement of bench:load, in a process of its own so that its peak memory is its own:
 *
 *   node --import tsx bench/loadChild.ts FILE load ROWS   loadDataset with maxTrainRows = ROWS
 *   node --import tsx bench/loadChild.ts FILE parse       the reference: csv-parse over every
 *                                                         record, keeping nothing
 *
 * Prints one JSON line: seconds, peak resident memory (VmHWM, from process.resourceUsage) and the
 * resident memory at start, after the imports.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { loadDataset } from '../src/data/index.js';
import { WIDE_TASKS } from './wideCsv.js';

const MiB = 1024 * 1024;
const [file, what, rows] = process.argv.slice(2);
const peakMiB = (): number => (process.resourceUsage().maxRSS * 1024) / MiB;

/** What the loader's own reading costs at least: the same parser, every record, nothing kept. */
async function parseOnly(): Promise<Record<string, number>> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: true }),
  );
  let records = 0;
  for await (const _ of parser) records++;
  return { records };
}

async function load(): Promise<Record<string, number>> {
  const d = await loadDataset({
    file,
    tasks: WIDE_TASKS.map((name) => ({ name })),
    maxTrainRows: Number(rows),
  });
  return { trainRows: d.trainRows, valRows: d.valRows, dim: d.dim };
}

const startMiB = peakMiB();
const started = performance.now();
const facts = what === 'parse' ? await parseOnly() : await load();
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ what, seconds, peakMiB: peakMiB(), startMiB, ...facts }));
