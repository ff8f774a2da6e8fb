import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import { openStore } from '../../src/store/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { searchTraining } from '../helpers/database.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { tempDir } from '../helpers/tempDir.js';

// Hostile input, numbered as in the issue that listed the cases: each is refused with one line
// naming the flag (exit 2) before anything is written, or shown so that it cannot act on the
// terminal. The broken environments (items 2, 3, 4, 10) are in 08-broken-environment.
const dir = tempDir();
const cores = Math.max(1, availableParallelism());
const data = join(dir, 'data.csv');
execFileSync(process.execPath, [
  '--import',
  'tsx',
  'examples/generate.ts',
  '--rows',
  '5000',
  '--seed',
  '5',
  '--out',
  data,
]);

/** Exit 2, one line on stderr starting `taskgroup: ` and matching `message`, nothing on stdout, no stack. */
function refused(result: CliResult, message: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${result.stderr}`);
  assert.match(lines[0], /^taskgroup: /);
  assert.match(lines[0], message);
}

const refusedFlags: { case: string; flags: string[]; message: RegExp }[] = [
  {
    case: '#1 --workers 1000',
    flags: ['--workers', '1000'],
    message: new RegExp(
      `--workers must be at most ${cores}, this machine's parallelism \\(got "1000"\\); --force allows up to 64`,
    ),
  },
  {
    case: '#1 --workers 65 --force',
    flags: ['--workers', '65', '--force'],
    message: /--workers must be at most 64, even with --force/,
  },
  {
    case: '#6 --epochs 1000000000',
    flags: ['--epochs', '1000000000'],
    message: /--epochs must be at most 100 \(got "1000000000"\)/,
  },
  {
    case: '#6 --epochs 1e9',
    flags: ['--epochs', '1e9'],
    message: /--epochs must be a positive integer in plain decimal digits \(got "1e9"\)/,
  },
  {
    case: '#6 --rows 5000000',
    flags: ['--rows', '5000000'],
    message: /--rows must be at most 1000000/,
  },
  { case: '#6 --seeds 1000', flags: ['--seeds', '1000'], message: /--seeds must be at most 100/ },
  {
    case: '#6 --batch-size 1000000',
    flags: ['--batch-size', '1000000'],
    message: /--batch-size must be at most 65536/,
  },
  {
    case: '#7 --rows 0x10',
    flags: ['--rows', '0x10'],
    message: /--rows must be a positive integer in plain decimal digits \(got "0x10"\)/,
  },
  {
    case: '#7 --seeds 1e1',
    flags: ['--seeds', '1e1'],
    message: /--seeds must be a positive integer in plain decimal digits \(got "1e1"\)/,
  },
  {
    case: '#7 --budget 0b1',
    flags: ['--budget', '0b1'],
    message: /--budget must be a positive integer in plain decimal digits \(got "0b1"\)/,
  },
];

for (const c of refusedFlags) {
  test(`${c.case} is refused: exit 2, one line naming the flag and its limit, no database written`, async () => {
    const db = join(dir, `${c.case.replace(/\W+/g, '-')}.db`);
    refused(
      await runCli(['search', '--data', data, '--tasks', 'click,like', '--db', db, ...c.flags]),
      c.message,
    );
    assert.equal(existsSync(db), false);
  });
}

test('#1 #6 --help names the limits: workers, --force, seeds, rows, epochs, batch size', async () => {
  const help = await runCli(['search', '--help']);
  assert.equal(help.code, 0);
  for (const limit of [
    `at most this machine's parallelism (${cores}) unless --force`,
    '--force',
    'at most 64',
    '1 to 100 (default 3)',
    '1 to 1000000 (default 20000)',
    '1 to 100 (default 4)',
    '1 to 65536 (default 256)',
    '(2 to 200)',
  ]) {
    assert.ok(help.stdout.replace(/\s+/g, ' ').includes(limit), `--help says "${limit}"`);
  }
  const resume = await runCli(['resume', '--help']);
  assert.match(resume.stdout, /--force/);
});

test('#6 the first Ctrl-C stops the runs in flight at their next batch: exit 130 at once, the runs pending again', async () => {
  // 4,000 training rows in batches of 1 for 100 epochs: each run takes many seconds, so only
  // runs told to stop can let the process exit this soon.
  const db = join(dir, 'ctrl-c.db');
  const args = [
    'search',
    '--data',
    data,
    '--tasks',
    'click,like,share',
    '--db',
    db,
    '--seeds',
    '1',
    '--epochs',
    '100',
    '--batch-size',
    '1',
    '--workers',
    String(Math.min(2, cores)),
    '--backend',
    'wasm',
  ];
  const search = await searchTraining(args, db, 2000); // the workers start and train
  const sent = performance.now();
  search.child.kill('SIGINT');
  const code = await search.exited;
  const stderr = search.stderr();
  const seconds = (performance.now() - sent) / 1000;
  assert.equal(code, 130, stderr);
  assert.ok(seconds < 10, `exited ${seconds.toFixed(1)} s after the first Ctrl-C`);
  assert.match(stderr, /stopping: the runs in flight stop at their next batch/);
  assert.match(
    stderr,
    /interrupted; finished runs are saved\. Continue with: taskgroup resume \w+ --db /,
  );
  const runs = new Database(db, { readonly: true });
  const rows = runs.prepare('SELECT status, attempts FROM runs').all() as {
    status: string;
    attempts: number;
  }[];
  runs.close();
  assert.ok(rows.length >= 1, 'runs were in flight');
  assert.deepEqual(
    rows.map((r) => [r.status, r.attempts]),
    rows.map(() => ['pending', 0]),
    'stopped runs are pending, no attempt spent',
  );
});

test('#5 names with terminal escapes are shown visibly by search, status and the Markdown and CSV reports', async () => {
  const ESC = '\x1b]0;pwned\x07\x1b[31m';
  const shown = '\\x1b]0;pwned\\x07\\x1b[31m';
  const file = join(dir, 'escapes.csv');
  const rows = Array.from(
    { length: 60 },
    (_, r) => `${r % 7},${r % 3},${r % 2},${(r >> 1) % 2},${(r >> 2) % 2}`,
  );
  writeFileSync(file, [`x,y,click${ESC},like,share`, ...rows].join('\n') + '\n');
  const db = join(dir, 'escapes.db');
  const config = resolveSearchConfig({
    data: file,
    tasks: `click${ESC},like,share`,
    seeds: '1',
    workers: '1',
  });
  const model = await runSearch(config, db, {
    stop: { requested: false },
    trainer: () => fakeTrainer([[0, 1], [2]]),
  });
  const out = join(dir, 'escapes-out');
  const results = await Promise.all([
    runCli(['status', '--db', db]),
    runCli(['status', model.searchId, '--db', db]),
    runCli(['resume', model.searchId, '--db', db]), // prints the summary `search` prints
    runCli(['report', model.searchId, '--db', db, '--format', 'md']),
    runCli(['report', model.searchId, '--db', db, '--format', 'csv', '--out', `${out}/`]),
    runCli(['search', '--data', file, '--tasks', `nope${ESC},like`, '--db', join(dir, 'none.db')]),
    runCli(['search', `--bogus${ESC}`]),
  ]);
  const texts = [
    ...results.flatMap((r) => [r.stdout, r.stderr]),
    ...readdirSync(out).map((name) => readFileSync(join(out, name), 'utf8')),
  ];
  for (const text of texts)
    assert.doesNotMatch(text, /[\x07\x1b]/, `raw escape in: ${JSON.stringify(text)}`);
  const [list, one, summary, md, csv, unknownTask] = results;
  assert.equal(list.code, 0);
  assert.match(
    one.stdout,
    new RegExp(`tasks: click${shown.replace(/[\\[\]]/g, '\\$&')}, like, share`),
  );
  assert.ok(summary.stdout.includes(`click${shown}`), summary.stdout);
  assert.ok(md.stdout.includes(`\`click${shown}\``));
  assert.equal(csv.code, 0);
  assert.ok(readFileSync(join(out, 'groups.csv'), 'utf8').includes(`click${shown}`));
  refused(unknownTask, new RegExp(`nope${shown.replace(/[\\[\]]/g, '\\$&')}`));
});

test('#12 without its native SQLite module built, taskgroup says so in one line with the fix (exit 1), and solve still runs', async () => {
  const env = {
    NODE_OPTIONS: `--require ${join(process.cwd(), 'test/fixtures/env/noNativeSqlite.cjs')}`,
  };
  const message =
    /^taskgroup: the SQLite module better-sqlite3 is not built for this Node v[\d.]+ \(Could not locate the bindings file\.\); run `npm rebuild better-sqlite3` in .+\n$/;
  const existing = join(dir, 'existing.db');
  openStore(existing).close();
  const db = join(dir, 'no-native.db');
  for (const args of [
    ['status', '--db', existing],
    ['search', '--data', data, '--tasks', 'click,like', '--db', db],
  ]) {
    const result = await runCli(args, { env });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /internal error|usage/i);
  }
  assert.equal(
    existsSync(db),
    false,
    'search stopped before reading its data or creating its database',
  );
  const table = join(process.cwd(), 'test/fixtures/standley2020/results.csv');
  const solve = await runCli(['solve', '--table', table, '--budget', '2'], { env });
  assert.equal(solve.code, 0, solve.stderr);
});
