import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawn, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { binPath, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

// Real processes, real training (tiny), real signals: what a user's Ctrl-C or kill -9 does.
const dir = tempDir();
const data = join(dir, 'crash.csv');
execFileSync(process.execPath, [
  '--import',
  'tsx',
  'examples/generate.ts',
  '--rows',
  '700',
  '--seed',
  '5',
  '--out',
  data,
]);
const searchArgs = (db: string, extra: string[] = []) => [
  'search',
  '--data',
  data,
  '--tasks',
  'click,like,share,watch_time,purchase',
  '--db',
  db,
  '--seeds',
  '2',
  '--epochs',
  '1',
  '--min-steps',
  '0',
  '--rows',
  '400',
  '--batch-size',
  '128',
  '--workers',
  '1',
  '--backend',
  'wasm',
  '--quiet',
  ...extra,
];

/** Finished runs of a database: key → finished_at (a retrained run would get a new time). */
function finishedRuns(db: string): Map<string, string> {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const rows = conn.prepare("SELECT key, finished_at FROM runs WHERE status = 'done'").all() as {
      key: string;
      finished_at: string;
    }[];
    return new Map(rows.map((r) => [r.key, r.finished_at]));
  } finally {
    conn.close();
  }
}

function countDone(db: string): number {
  try {
    return finishedRuns(db).size;
  } catch {
    return 0; // not created yet
  }
}

/** Starts a search and sends `signal` once at least `after` runs are committed. */
async function interruptAfter(
  db: string,
  after: number,
  signal: NodeJS.Signals,
  extra: string[] = [],
) {
  const child = spawn(process.execPath, [binPath, ...searchArgs(db, extra)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  while (countDone(db) < after && child.exitCode === null)
    await new Promise((r) => setTimeout(r, 50));
  child.kill(signal);
  return { code: await exited, stderr };
}

function integrity(db: string): string {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.pragma('integrity_check', { simple: true }) as string;
  } finally {
    conn.close();
  }
}

const searchIdOf = (db: string): string => {
  const conn = new Database(db, { readonly: true });
  try {
    return (
      conn.prepare('SELECT id FROM searches ORDER BY created_at DESC').get() as { id: string }
    ).id;
  } finally {
    conn.close();
  }
};

let reference: { grouping: string[][]; objective: number; runs: { total: number } } | undefined;
async function uninterrupted() {
  if (!reference) {
    const result = await runCli([...searchArgs(join(dir, 'reference.db')), '--json']);
    assert.equal(result.code, 0, result.stderr);
    reference = JSON.parse(result.stdout);
  }
  return reference!;
}

for (const [signal, expectedCode] of [
  ['SIGKILL', null],
  ['SIGINT', 130],
] as const) {
  test(`${signal} during a search loses no finished run, and resume gives the uninterrupted grouping`, async () => {
    const db = join(dir, `${signal}.db`);
    const killed = await interruptAfter(db, 4, signal);
    assert.equal(killed.code, expectedCode, killed.stderr);
    if (signal === 'SIGINT') assert.match(killed.stderr, /interrupted.*taskgroup resume \w+/);
    assert.equal(integrity(db), 'ok');
    const before = finishedRuns(db);
    assert.ok(
      before.size >= 4 && before.size < 30,
      `${before.size} of 30 single and pair runs finished before the ${signal}`,
    );

    const id = searchIdOf(db);
    // Killed or stopped, its process is gone: interrupted either way, with the command that continues it.
    const status = JSON.parse((await runCli(['status', id, '--db', db, '--json'])).stdout);
    assert.equal(status.status, 'interrupted');
    assert.equal(status.resume, `taskgroup resume ${id} --db ${db}`);
    assert.equal(status.etaSec, null);
    assert.equal(status.runs.done, before.size);

    const resumed = await runCli(['resume', id, '--db', db, '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    const result = JSON.parse(resumed.stdout);
    const after = finishedRuns(db);
    for (const [key, finishedAt] of before)
      assert.equal(after.get(key), finishedAt, `run ${key} was not trained again`);
    const expected = await uninterrupted();
    assert.equal(result.runs.total, expected.runs.total);
    assert.equal(after.size, expected.runs.total);
    assert.equal(result.runs.failed, 0);
    assert.equal(integrity(db), 'ok');
    assert.deepEqual(result.grouping, expected.grouping);
    assert.equal(result.objective, expected.objective);
  });
}

/** Each search of a database with the runs it counts as trained (one count per run committed). */
function searchesTrained(db: string): { id: string; trained: number }[] {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return conn.prepare('SELECT id, trained FROM searches').all() as {
      id: string;
      trained: number;
    }[];
  } finally {
    conn.close();
  }
}

test('two processes running the same search on one database make one search and train each run once', async () => {
  const db = join(dir, 'shared.db');
  const [a, b] = await Promise.all([
    runCli([...searchArgs(db), '--json']),
    runCli([...searchArgs(db), '--json']),
  ]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const first = JSON.parse(a.stdout);
  const second = JSON.parse(b.stdout);
  assert.equal(first.searchId, second.searchId, 'the second process joined the first one');
  assert.equal(first.runs.total, second.runs.total);
  assert.deepEqual(searchesTrained(db), [{ id: first.searchId, trained: first.runs.total }]);
  assert.equal(finishedRuns(db).size, first.runs.total, 'no run trained twice');
  assert.deepEqual(first.grouping, second.grouping);
  assert.equal(integrity(db), 'ok');
});

test('two processes resuming one search at once both print the uninterrupted result', async () => {
  // Budget 2 for 5 tasks: the best grouping has a group of three or more, so a verification
  // round follows the pairs, and the two processes race to plan and train it.
  const budget = ['--budget', '2'];
  const reference = await runCli([
    ...searchArgs(join(dir, 'double-reference.db'), budget),
    '--json',
  ]);
  assert.equal(reference.code, 0, reference.stderr);
  const expected = JSON.parse(reference.stdout);
  assert.ok(expected.verification.length >= 1);
  const db = join(dir, 'double-resume.db');
  const killed = await interruptAfter(db, 4, 'SIGKILL', budget);
  assert.equal(killed.code, null);
  const id = searchIdOf(db);
  const [a, b] = await Promise.all([
    runCli(['resume', id, '--db', db, '--json']),
    runCli(['resume', id, '--db', db, '--json']),
  ]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  for (const result of [JSON.parse(a.stdout), JSON.parse(b.stdout)]) {
    assert.deepEqual(result.grouping, expected.grouping);
    assert.equal(result.objective, expected.objective);
    assert.equal(result.runs.total, expected.runs.total);
    assert.equal(
      result.runs.trained,
      expected.runs.total,
      'every run counted as trained by this search',
    );
  }
  assert.equal(integrity(db), 'ok');
});

test('resume refuses a data file that changed since the search started', async () => {
  const db = join(dir, 'changed.db');
  const copy = join(dir, 'copy.csv');
  execFileSync('cp', [data, copy]);
  const args = searchArgs(db).map((arg) => (arg === data ? copy : arg));
  const child = spawn(process.execPath, [binPath, ...args], { stdio: 'ignore' });
  const exited = new Promise((r) => child.on('exit', r));
  while (countDone(db) < 1 && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGKILL');
  await exited;
  assert.ok(countDone(db) >= 1, 'the search stored a run before it was stopped');
  execFileSync('sh', ['-c', `tail -n 1 "${copy}" >> "${copy}"`]); // one more valid row
  const result = await runCli(['resume', searchIdOf(db), '--db', db]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /copy\.csv: the file changed since search \w+ started/);
});
