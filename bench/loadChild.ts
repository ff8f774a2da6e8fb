/**
 * One measurement of bench:load, in a process of its own so that its peak memory is its own:
 *
 *   node --import tsx bench/loadChild.ts FILE load ROWS   loadDataset with maxTrainRows = ROWS
 *   node --import tsx bench/loadChild.ts FILE parse       the reference: csv-parse over every
 *                                                         record, keeping nothing (a .parquet
 *                                                         FILE: hyparquet over every row group)
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

/** The Parquet reference: every row group of every column decoded, one group at a time, nothing kept. */
async function readParquetOnly(): Promise<Record<string, number>> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetRead } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const source = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(source);
  let records = 0;
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    await parquetRead({
      file: source,
      metadata,
      compressors,
      rowStart,
      rowEnd,
      rowFormat: 'array',
      onComplete: (rows) => (records += rows.length),
    });
    rowStart = rowEnd;
  }
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
const facts =
  what === 'load'
    ? await load()
    : file.endsWith('.parquet')
      ? await readParquetOnly()
      : await parseOnly();
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ what, seconds, peakMiB: peakMiB(), startMiB, ...facts }));
