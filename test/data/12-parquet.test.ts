import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { csvToParquet } from '../../bench/parquetTable.js';
import { loadDataset } from '../../src/data/loadDataset.js';
import { parquetCell } from '../../src/data/parquetCell.js';
import { UsageError } from '../../src/errors.js';
import { assertRefused, runCli, type CliResult } from '../helpers/cli.js';
import { csvFiles } from './csvFiles.js';

// `--data file.parquet`: read by row groups into the CSV path's cells, so the same table in
// either format encodes to the same arrays and groups the same way.
const files = csvFiles();
const csv = 'examples/recsys.csv';
const parquet = join(files.dir, 'recsys.parquet');
const tasks = ['click', 'like', 'share', 'watch_time', 'finish', 'purchase', 'revenue'];

test('a Parquet file of several row groups and the CSV of the same table give the same encoded features, labels and split', async () => {
  const written = await csvToParquet(csv, parquet, 1000);
  assert.equal(written.rowGroups, 6, 'the reader crosses row groups');
  const load = (file: string) => loadDataset({ file, tasks: tasks.map((name) => ({ name })) });
  const [fromCsv, fromParquet] = await Promise.all([load(csv), load(parquet)]);
  for (const key of [
    'tasks',
    'featureNames',
    'featureColumns',
    'trainRows',
    'valRows',
    'trainX',
    'valX',
    'trainY',
    'valY',
  ] as const)
    assert.deepEqual(fromParquet[key], fromCsv[key], key);
  // An embedded column's rows are picked by each value's text: the same text from either file.
  const embedded = (file: string) =>
    loadDataset({
      file,
      tasks: tasks.map((name) => ({ name })),
      embed: [{ column: 'item_id' }, { column: 'user_sessions_7d', dim: 4 }],
    });
  const [embedCsv, embedParquet] = await Promise.all([embedded(csv), embedded(parquet)]);
  assert.ok(embedCsv.embed, 'the columns are embedded');
  assert.deepEqual(embedParquet.embed, embedCsv.embed);
  assert.deepEqual(embedParquet.trainX, embedCsv.trainX);
  // The fingerprint is over the file's bytes, as for a CSV: other bytes, another fingerprint.
  assert.notEqual(fromParquet.fingerprint, fromCsv.fingerprint);
  assert.equal((await load(parquet)).fingerprint, fromParquet.fingerprint);
});

const search = (data: string, db: string) =>
  runCli([
    ...['search', '--data', data, '--tasks', 'click,like,purchase,revenue', '--db', db],
    ...['--seeds', '1', '--epochs', '1', '--rows', '2000', '--workers', '1', '--json'],
  ]);

test('a search on the Parquet file and one on the CSV choose the same grouping from the same losses', async () => {
  if (!existsSync(parquet)) await csvToParquet(csv, parquet, 1000);
  const [a, b] = await Promise.all([
    search(csv, join(files.dir, 'csv.db')),
    search(parquet, join(files.dir, 'parquet.db')),
  ]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const fromCsv = JSON.parse(a.stdout);
  const fromParquet = JSON.parse(b.stdout);
  assert.equal(fromParquet.runs.trained, fromCsv.runs.trained);
  for (const key of ['grouping', 'objective', 'perTask', 'transfer'])
    assert.deepEqual(fromParquet[key], fromCsv[key], key);
});

/** Refused in one line (exit 2), no database written. */
function refused(result: CliResult, message: RegExp, db: string): void {
  assertRefused(result, message);
  assert.equal(existsSync(db), false, 'nothing written');
}

test('a file that is not Parquet and a truncated one are refused in one line naming the file, before the reader loads', async () => {
  if (!existsSync(parquet)) await csvToParquet(csv, parquet, 1000);
  const bytes = readFileSync(parquet);
  const cases: [string, Uint8Array][] = [
    ['text.parquet', Buffer.from('click,like\n1,0\n')],
    ['cut.parquet', bytes.subarray(0, bytes.length - 100)],
    ['tiny.parquet', Buffer.from('PAR1')],
  ];
  for (const [name, content] of cases) {
    const db = join(files.dir, `${name}.db`);
    const message = new RegExp(
      `${name.replace('.', '\\.')}: not a Parquet file taskgroup can read \\(it does not start and end with PAR1`,
    );
    refused(await search(files.write(name, content), db), message, db);
  }
});

/** The load's UsageError (exit 2): what the command line prints after `taskgroup: `. */
async function loadRefused(options: Parameters<typeof loadDataset>[0], message: RegExp) {
  await assert.rejects(loadDataset(options), (error: unknown) => {
    assert.ok(error instanceof UsageError, String(error));
    assert.equal(error.exitCode, 2);
    assert.match(error.message, message);
    return true;
  });
}

test('a Parquet file is held to the CSV rules: no rows, an unknown column, a label that is not binary, a value out of range, each named with its column and row', async () => {
  const header = files.write('header.csv', 'click,like,purchase,revenue,x\n');
  const empty = join(files.dir, 'empty.parquet');
  await csvToParquet(header, empty);
  const both = [{ name: 'click' }, { name: 'like' }];
  await loadRefused(
    { file: empty, tasks: both },
    /empty\.parquet: the file has columns but no data rows$/,
  );
  const rows = Array.from({ length: 40 }, (_, r) => `${r},${r % 2},${(r >> 1) % 2},${r % 3}`);
  const source = files.write('rules.csv', ['x,click,like,grade', ...rows].join('\n') + '\n');
  const file = join(files.dir, 'rules.parquet');
  await csvToParquet(source, file);
  await loadRefused({ file, tasks: [{ name: 'click' }, { name: 'share' }] }, /"share"/);
  await loadRefused(
    { file, tasks: [{ name: 'click' }, { name: 'grade', type: 'binary' }] },
    /rules\.parquet: task "grade" is binary but row 3 has "2"/,
  );
  assert.throws(
    () => parquetCell(Infinity, 'f.parquet', 'x', 7),
    /^UsageError: f\.parquet: row 7, column "x" has Infinity, not a finite number$/,
  );
  assert.throws(
    () => parquetCell([1, 2], 'f.parquet', 'tags', 2),
    /row 2, column "tags" holds a list/,
  );
});

test('Parquet values become the cells a CSV of the same values holds', () => {
  const cell = (value: unknown) => parquetCell(value, 'f.parquet', 'c', 1);
  assert.deepEqual(
    [null, NaN, 0.1 + 0.2, 12n, true, false, ' red ', new Date(Date.UTC(2024, 4, 1))].map(cell),
    ['', '', '0.30000000000000004', '12', 'true', 'false', 'red', '2024-05-01'],
  );
  assert.equal(cell(new TextEncoder().encode('tv')), 'tv');
});
