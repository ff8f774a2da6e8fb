import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
// The package by its own name: what `import ... from 'taskgroup'` gives a user (package.json
// "exports": the compiled dist/src/api, built before the tests by `pretest`).
import { report, search, solve, UsageError } from 'taskgroup';
import { runCli } from '../helpers/cli.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

const standley = join('test', 'fixtures', 'standley2020', 'results.csv');
const tiny = { rows: 40, epochs: 1, minSteps: 0, batchSize: 16, bottom: [4], tower: [2] };

test('search takes the keys of a --config file and returns what search --json prints; report renders it', async () => {
  const dir = tempDir();
  const db = join(dir, 'lib.db');
  const seen: number[] = [];
  const model = await search({
    data: smallCsv(dir),
    tasks: 't0,t1,t2',
    seeds: 1,
    workers: 1,
    proxy: tiny,
    db,
    onProgress: (p) => seen.push(p.done),
  });
  assert.equal(model.runs.total, model.runs.trained);
  assert.ok(seen.length > 0);
  const cli = await runCli(['status', model.searchId, '--db', db, '--json']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(JSON.parse(cli.stdout).status, 'done');
  const [md] = await report(model.searchId, { format: 'md', db });
  assert.match(md.content, new RegExp(`search \`${model.searchId}\``));
  const [json] = await report(model.searchId, { format: 'json', db });
  assert.deepEqual(JSON.parse(json.content).grouping, model.grouping);
});

test('bad options are a UsageError with exit code 2 naming the key, as the command line names the flag', async () => {
  const dir = tempDir();
  await assert.rejects(
    search({ data: smallCsv(dir), tasks: 't0,t1', budget: 0, db: join(dir, 'x.db') }),
    (error: unknown) =>
      error instanceof UsageError && error.exitCode === 2 && /budget/.test(error.message),
  );
  await assert.rejects(
    search({ data: smallCsv(dir), tasks: 't0,t1', colour: 'red', db: join(dir, 'x.db') } as never),
    (error: unknown) =>
      error instanceof UsageError && /^config: unknown key "colour"$/.test(error.message),
  );
  await assert.rejects(
    report('00000000', { format: 'pdf' } as never),
    (error: unknown) =>
      error instanceof UsageError &&
      /^--format must be one of json, md, csv, html \(got "pdf"\)$/.test(error.message),
  );
});

test('solve returns the document solve --json prints', async () => {
  const fromLibrary = await solve({ table: standley, mode: 'overlap', budget: 3 });
  const cli = await runCli([
    'solve',
    '--table',
    standley,
    '--mode',
    'overlap',
    '--budget',
    '3',
    '--json',
  ]);
  assert.equal(cli.code, 0, cli.stderr);
  const { elapsedMs: a, ...library } = fromLibrary;
  const { elapsedMs: b, ...printed } = JSON.parse(cli.stdout) as typeof fromLibrary;
  assert.ok(a >= 0 && b >= 0);
  assert.deepEqual(library, printed);
});
