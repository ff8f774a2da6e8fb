import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import { binPath, runCli } from '../helpers/cli.js';
import { runsWithStatus, searchTraining } from '../helpers/database.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { redisServerMissing, startRedis } from '../helpers/redisServer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// Closed and failing output streams, and signals, numbered as in the issue that listed them.
// A reader that stops reading ends the command quietly; standard error lost costs only the
// progress lines; a hang-up stops a search as Ctrl-C does; a killed search keeps its time.
const dir = tempDir();
const data = smallCsv(dir, 400);
const config = resolveSearchConfig({ data, tasks: 't0,t1,t2,t3,t4', seeds: '1', workers: '1' });
const db = join(dir, 'done.db');
const { searchId: id } = await runSearch(config, db, {
  stop: { requested: false },
  trainer: () =>
    fakeTrainer([
      [0, 1, 2],
      [3, 4],
    ]),
});
/** A real search small enough to train in a second or two. */
const tinySearch = ['search', '--data', data, '--tasks', 't0,t1', '--seeds', '1', '--rows', '200'];
const table = join(process.cwd(), 'test/fixtures/standley2020/results.csv');

/** Runs the CLI with its standard output's reader gone before it writes (`taskgroup … | true`). */
function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/** Runs the CLI through a shell, so that its standard error can be closed or sent to /dev/full. */
function withStderr(redirect: string, args: string[]): { code: number | null; stdout: string } {
  const quoted = [process.execPath, binPath, ...args].map((a) => `'${a}'`).join(' ');
  const result = spawnSync('sh', ['-c', `exec ${quoted} ${redirect}`], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout };
}

const closedReaders: [string, string[]][] = [
  ['status', ['status', '--db', db]],
  ['status SEARCH_ID', ['status', id, '--db', db]],
  ['report', ['report', id, '--db', db, '--format', 'md']],
  ['solve', ['solve', '--table', table, '--budget', '2']],
  ['--help', ['--help']],
  ['search --help', ['search', '--help']],
  ['search', [...tinySearch, '--db', join(dir, 'closed-stdout.db')]],
];

for (const [name, args] of closedReaders) {
  test(`#6 ${name} whose reader is gone ends quietly: exit 0, no stack trace`, async () => {
    const result = await withClosedStdout(args);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /EPIPE|Unhandled|at .*\.js:\d+/);
  });
}

test(
  '#6 status --redis whose reader is gone ends quietly',
  { skip: redisServerMissing },
  async () => {
    const redis = await startRedis();
    after(() => redis.stop());
    const result = await withClosedStdout(['status', '--redis', redis.url(), '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /EPIPE|Unhandled/);
  },
);

test('#6 standard output on a full disk is one line naming it, exit 2', () => {
  const result = spawnSync(
    'sh',
    ['-c', `exec '${process.execPath}' '${binPath}' status --db '${db}' > /dev/full`],
    { encoding: 'utf8' },
  );
  assert.equal(result.status, 2, result.stderr);
  assert.equal(
    result.stderr,
    'taskgroup: standard output: cannot write the output: no space left on the device (the disk is full)\n',
  );
});

for (const redirect of ['2>&-', '2>/dev/full']) {
  test(`#6 a search whose standard error is ${redirect === '2>&-' ? 'closed' : 'a full disk'} trains to the end, its result on stdout`, async () => {
    const file = join(dir, `stderr-${redirect.length}.db`);
    const result = withStderr(redirect, [...tinySearch, '--db', file, '--json']);
    assert.equal(result.code, 0);
    const { searchId, status } = JSON.parse(result.stdout);
    assert.equal(status, 'done');
    const view = JSON.parse((await runCli(['status', searchId, '--db', file, '--json'])).stdout);
    assert.equal(view.status, 'done');
  });
}

test('#12 SIGHUP (the terminal closed) stops a search as Ctrl-C does: exit 130, runs pending again, resumable', async () => {
  const file = join(dir, 'hangup.db');
  const args = [
    'search',
    '--data',
    data,
    '--tasks',
    't0,t1,t2,t3,t4',
    '--seeds',
    '1',
    '--db',
    file,
    '--epochs',
    '100',
    '--batch-size',
    '1',
    '--workers',
    '1',
    '--backend',
    'wasm',
  ];
  const search = await searchTraining(args, file, 1000);
  search.child.kill('SIGHUP');
  const code = await search.exited;
  const stderr = search.stderr();
  assert.equal(code, 130, stderr);
  assert.match(stderr, /interrupted; finished runs are saved\. Continue with: taskgroup resume/);
  assert.equal(runsWithStatus(file, 'running'), 0, 'no run left running');
  const searchId = /resume (\w+)/.exec(stderr)![1];
  const view = JSON.parse((await runCli(['status', searchId, '--db', file, '--json'])).stdout);
  assert.equal(view.status, 'interrupted');
});

test('#13 a search killed with SIGKILL shows the time it spent up to its last stored run', async () => {
  const file = join(dir, 'killed.db');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/fixtures/env/fakeSearch.ts', data, file, '--delay', '400'],
    { stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  while (runsWithStatus(file, 'done') < 8 && child.exitCode === null)
    await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGKILL');
  await exited;
  const wall = (performance.now() - started) / 1000;
  const conn = new Database(file, { readonly: true });
  const searchId = conn.prepare('SELECT id FROM searches').pluck().get() as string;
  conn.close();
  const view = JSON.parse((await runCli(['status', searchId, '--db', file, '--json'])).stdout);
  assert.equal(view.status, 'interrupted');
  // At least two batches of 400 ms were stored before the kill.
  assert.ok(view.elapsedSec >= 0.7, `elapsed ${view.elapsedSec} s`);
  assert.ok(view.elapsedSec <= wall, `elapsed ${view.elapsedSec} s within the ${wall} s it lived`);
});

test('a second signal while a stopped command writes its last words still exits 130, not by the signal', () => {
  // The first signal stops; the command ends its watch (dispose) and writes the resume command;
  // a second signal then must still exit 130, as "press Ctrl-C again to quit now" promises.
  const script = `
    const { watchInterrupts } = await import('./src/cli/interrupt.ts');
    const watch = watchInterrupts(() => {});
    process.emit('SIGHUP');
    watch.dispose();
    process.emit('SIGINT');
    setTimeout(() => process.exit(0), 500);`;
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(result.status, 130, result.stderr);
});
