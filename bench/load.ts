/**
 * bench:load — peak memory and time of loading a large CSV for a search with `--rows`.
 *
 *   npm run bench:load [-- --json] [--rows N] [--file-rows N] [--parquet] [--keep]
 *
 * Writes a deterministic 1,000,000 × 30 CSV (bench/wideCsv.ts, seed 1, about 179 MB) to the OS
 * temp directory, then, each in a fresh child process so that each peak is its own:
 *   - the reference: csv-parse over every record, keeping nothing (the least any loader reading
 *     the file this way costs);
 *   - loadDataset with maxTrainRows = --rows (default 20000), as `taskgroup search --rows` loads.
 * Peak memory is the child's peak resident set (VmHWM, from process.resourceUsage().maxRSS),
 * which includes Node and tsx (the "start" column). The target of the issue: a peak of at most
 * 400 MB (decimal megabytes, as printed); the script exits with 1 when it is missed.
 *
 * With --parquet the same table is written as Parquet (bench/parquetTable.ts, hyparquet-writer,
 * row groups of 100,000 rows) and measured instead: the reference is then hyparquet decoding
 * every row group of every column, one group at a time, keeping nothing.
 * --smoke: a 20,000-row file loaded with --rows 2000.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchFlags, SMOKE_NOTE } from './flags.js';
import { csvToParquet } from './parquetTable.js';
import { writeWideCsv } from './wideCsv.js';

const flags = benchFlags('load', {
  json: { type: 'boolean' },
  rows: { type: 'string' },
  'file-rows': { type: 'string' },
  keep: { type: 'boolean' },
  parquet: { type: 'boolean' },
});
const args = flags.values;
const rows = flags.int('rows') ?? (flags.smoke ? 2000 : 20000);
const fileRows = flags.int('file-rows') ?? (flags.smoke ? 20_000 : 1_000_000);
const TARGET_MB = 400;
const MB = 1e6;
const CHILD = new URL('./loadChild.ts', import.meta.url).pathname;

interface Measure {
  what: string;
  seconds: number;
  peakMiB: number;
  startMiB: number;
  trainRows?: number;
  valRows?: number;
  dim?: number;
}

function measure(file: string, what: 'parse' | 'load'): Measure {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, file, what, String(rows)], {
    encoding: 'utf8',
  });
  if (child.status !== 0)
    throw new Error(
      `bench:load: the ${what} child failed (${child.status}): ${child.stderr.trim()}`,
    );
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Measure;
}

const mb = (mib: number): number => (mib * 1024 * 1024) / MB;

const dir = mkdtempSync(join(tmpdir(), 'taskgroup-bench-load-'));
try {
  const csv = join(dir, 'wide.csv');
  const file = args.parquet ? join(dir, 'wide.parquet') : csv;
  const started = performance.now();
  await writeWideCsv(csv, fileRows, 1);
  if (args.parquet) await csvToParquet(csv, file, 100_000);
  const generated = (performance.now() - started) / 1000;
  const fileMB = statSync(file).size / MB;
  const reference = measure(file, 'parse');
  const load = measure(file, 'load');
  const peakMB = mb(load.peakMiB);
  const met = peakMB <= TARGET_MB;
  const result = {
    file: {
      format: args.parquet ? 'parquet' : 'csv',
      rows: fileRows,
      columns: 30,
      megabytes: fileMB,
      generatedSeconds: generated,
    },
    rows,
    smoke: flags.smoke,
    reference: {
      seconds: reference.seconds,
      peakMB: mb(reference.peakMiB),
      startMB: mb(reference.startMiB),
    },
    load: {
      seconds: load.seconds,
      peakMB,
      startMB: mb(load.startMiB),
      trainRows: load.trainRows,
      valRows: load.valRows,
      dim: load.dim,
    },
    ratio: { seconds: load.seconds / reference.seconds, peak: load.peakMiB / reference.peakMiB },
    target: { peakMB: TARGET_MB, met },
  };
  if (args.json) console.log(JSON.stringify(result));
  else print(result, generated);
  process.exitCode = met ? 0 : 1;
} finally {
  if (args.keep) console.error(`bench:load: kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

function print(r: { [k: string]: any }, generated: number): void {
  if (flags.smoke) console.log(SMOKE_NOTE);
  const row = (cells: (string | number)[]) =>
    console.log(
      cells.map((c, i) => String(c)[i === 0 ? 'padEnd' : 'padStart'](i === 0 ? 30 : 10)).join(' '),
    );
  console.log(
    `${r.file.format}: ${r.file.rows.toLocaleString('en')} rows × 30 columns, ${r.file.megabytes.toFixed(0)} MB (generated in ${generated.toFixed(1)} s); --rows ${r.rows}`,
  );
  console.log(
    'memory in MB (10^6 bytes), measured: peak resident set of a fresh process; start = after imports',
  );
  row(['', 'seconds', 'peak MB', 'start MB']);
  row([
    r.file.format === 'parquet' ? 'hyparquet alone (reference)' : 'csv-parse alone (reference)',
    r.reference.seconds.toFixed(1),
    r.reference.peakMB.toFixed(0),
    r.reference.startMB.toFixed(0),
  ]);
  row([
    'loadDataset',
    r.load.seconds.toFixed(1),
    r.load.peakMB.toFixed(0),
    r.load.startMB.toFixed(0),
  ]);
  row([
    'loadDataset / reference',
    `${r.ratio.seconds.toFixed(2)}×`,
    `${r.ratio.peak.toFixed(2)}×`,
    '',
  ]);
  console.log(
    `kept: ${r.load.trainRows.toLocaleString('en')} training rows, ${r.load.valRows.toLocaleString('en')} validation rows, ${r.load.dim} encoded columns`,
  );
  console.log(
    `target: peak ≤ ${TARGET_MB} MB: ${r.target.met ? 'met' : 'MISSED'} (${r.load.peakMB.toFixed(0)} MB)`,
  );
}
