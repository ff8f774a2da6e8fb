import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { binPath, runCli, type CliResult } from '../helpers/cli.js';
import { trainings, WorkerProcess } from '../helpers/queueWorker.js';
import {
  freePort,
  redisServerMissing,
  startRedis,
  type RedisServer,
} from '../helpers/redisServer.js';
import { tempDir } from '../helpers/tempDir.js';

// Real processes, a real redis-server, real training (tiny) and real signals. Each test uses its
// own Redis database number, so queues and answers never cross between tests.
const dir = tempDir();
const data = join(dir, 'queue.csv');
const password = 'q-s3cret-pw';
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
  '--backend',
  'wasm',
  '--quiet',
  ...extra,
];

interface StoredRun {
  key: string;
  losses: string;
  /** Each task's metric, as JSON; null for a run stored without. */
  metrics: string | null;
  attempts: number;
  finished_at: string;
}

/** The finished runs of a database, by key; none while it is not created yet. */
function doneRuns(db: string): Map<string, StoredRun> {
  if (!existsSync(db)) return new Map();
  const conn = new Database(db, { readonly: true });
  try {
    const rows = conn
      .prepare(
        `SELECT key, losses, m.metrics AS metrics, attempts, finished_at FROM runs
         LEFT JOIN run_metrics m ON m.run_key = key WHERE status = 'done'`,
      )
      .all() as StoredRun[];
    return new Map(rows.map((r) => [r.key, r]));
  } catch (error) {
    if (/no such table/.test((error as Error).message)) return new Map(); // being created
    throw error;
  } finally {
    conn.close();
  }
}

/** The affinities of a database's lookahead runs, by run key. */
function affinities(db: string): Map<string, string> {
  const conn = new Database(db, { readonly: true });
  try {
    const rows = conn.prepare('SELECT run_key, affinity FROM run_affinity').all() as {
      run_key: string;
      affinity: string;
    }[];
    return new Map(rows.map((r) => [r.run_key, r.affinity]));
  } finally {
    conn.close();
  }
}

const parsed = (result: CliResult) => {
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as {
    id: string;
    grouping: string[][];
    objective: number;
    runs: { total: number; trained: number; failed: number };
  };
};

/** Each queue's jobs waiting, active and completed, from `status --json`'s queue view. */
const jobCounts = (view: { queues: { waiting: number; active: number; completed: number }[] }) =>
  view.queues.map((q) => [q.waiting, q.active, q.completed]);

/** No output, log or database of a test may hold the password. */
function assertNoPassword(...texts: string[]): void {
  for (const text of texts)
    assert.ok(!text.includes(password), `the Redis password was printed:\n${text}`);
}

// Two at a time: the worker-kill test spends most of its time waiting for the lock to lapse.
describe('searches on a Redis queue', { skip: redisServerMissing, concurrency: 2 }, () => {
  let redis: RedisServer;
  let reference: ReturnType<typeof parsed>;
  const referenceDb = join(dir, 'reference.db');

  before(async () => {
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
    redis = await startRedis({ password });
    reference = parsed(await runCli([...searchArgs(referenceDb, ['--workers', '1']), '--json']));
  });
  after(() => redis?.stop());

  test('two worker processes give the single-process result, each run trained once', async () => {
    const url = redis.url(1);
    const workers = [new WorkerProcess(url), new WorkerProcess(url)];
    const db = join(dir, 'two-workers.db');
    const raw = await runCli([...searchArgs(db, ['--redis', url, '--workers', '0']), '--json']);
    const result = parsed(raw);
    assert.deepEqual(result.grouping, reference.grouping);
    assert.equal(result.objective, reference.objective);
    assert.equal(result.runs.total, reference.runs.total);
    const expected = doneRuns(referenceDb);
    const got = doneRuns(db);
    assert.equal(got.size, expected.size);
    for (const [key, run] of expected) {
      assert.equal(
        got.get(key)?.losses,
        run.losses,
        `run ${key}: the same losses as on one machine`,
      );
      assert.ok(run.metrics !== null, `run ${key} has its tasks' metrics`);
      assert.equal(got.get(key)?.metrics, run.metrics, `run ${key}: the same metrics`);
    }
    const counts = trainings(workers);
    assert.equal(counts.size, reference.runs.total, 'every run was trained by a worker');
    assert.ok(
      [...counts.values()].every((n) => n === 1),
      'no run trained twice',
    );
    assert.ok(
      workers.every((w) => w.trained().length > 0),
      'both workers took runs',
    );

    const status = await runCli(['status', '--db', db, '--redis', url, '--json']);
    assert.equal(status.code, 0, status.stderr);
    const view = JSON.parse(status.stdout).queue;
    assert.equal(view.redis, `redis://:***@127.0.0.1:${redis.port}/1`);
    assert.deepEqual(jobCounts(view), [[0, 0, 0]]);
    assert.equal(
      view.workers.filter((w: { live: boolean; role: string }) => w.live && w.role === 'worker')
        .length,
      2,
    );
    const text = await runCli(['status', '--db', db, '--redis', url]);
    assert.match(text.stdout, /0 waiting, 0 active/);
    assert.match(text.stdout, /workers seen: 2 live/);

    const stopped = await Promise.all(workers.map((w) => (w.child.kill('SIGINT'), w.exited)));
    assert.deepEqual(stopped, [130, 130]);
    assertNoPassword(
      raw.stdout,
      raw.stderr,
      status.stdout,
      text.stdout,
      ...workers.map((w) => w.log),
      readFileSync(db).toString('latin1'),
    );
  });

  test('a worker killed mid-run: its run is trained again by another worker, once in the record', async () => {
    const url = redis.url(2);
    const db = join(dir, 'worker-killed.db');
    const first = new WorkerProcess(url);
    const search = runCli([...searchArgs(db, ['--redis', url, '--workers', '0']), '--json']);
    // The first run of a worker also fetches the data and starts its thread: the kill lands mid-run.
    const [, key] = await first.waitFor(/run ([0-9a-f]+) started/);
    first.child.kill('SIGKILL');
    await first.exited;
    assert.ok(!first.trained().includes(key), 'killed before it answered');
    const second = new WorkerProcess(url);
    const result = parsed(await search);
    assert.deepEqual(result.grouping, reference.grouping);
    assert.equal(result.objective, reference.objective);
    assert.equal(result.runs.failed, 0);
    assert.ok(
      second.trained().includes(key),
      `run ${key} went back to the queue and was trained by the other worker`,
    );
    const runs = doneRuns(db);
    assert.equal(runs.size, reference.runs.total);
    assert.equal(
      runs.get(key)?.attempts,
      1,
      "the retry is the queue's: the record has one attempt",
    );
    assert.equal(runs.get(key)?.losses, doneRuns(referenceDb).get(key)?.losses);
  });

  test('a coordinator killed with SIGKILL, then resumed: nothing lost, nothing trained twice', async () => {
    const url = redis.url(3);
    const workers = [new WorkerProcess(url), new WorkerProcess(url)];
    const db = join(dir, 'coordinator-killed.db');
    const child = spawn(
      process.execPath,
      [binPath, ...searchArgs(db, ['--redis', url, '--workers', '0'])],
      { stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    while (doneRuns(db).size < 4 && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    const before = doneRuns(db);
    assert.ok(
      before.size >= 4 && before.size < reference.runs.total,
      `${before.size} runs stored before the kill`,
    );
    const id = (
      JSON.parse((await runCli(['status', '--db', db, '--json'])).stdout) as { searchId: string }[]
    )[0].searchId;

    const result = parsed(
      await runCli(['resume', id, '--db', db, '--redis', url, '--workers', '0', '--json']),
    );
    assert.deepEqual(result.grouping, reference.grouping);
    assert.equal(result.objective, reference.objective);
    const after = doneRuns(db);
    assert.equal(after.size, reference.runs.total);
    for (const [key, run] of before)
      assert.equal(
        after.get(key)?.finished_at,
        run.finished_at,
        `run ${key} kept, not stored again`,
      );
    const counts = trainings(workers);
    assert.equal(counts.size, reference.runs.total);
    assert.ok(
      [...counts.entries()].every(([, n]) => n === 1),
      'no run was queued and trained twice',
    );
  });

  test('an MMoE search with an embedded id on the queue gives the single-process runs, loss for loss', async () => {
    const mmoe = ['--architecture', 'mmoe', '--experts', '2', '--embed', 'item_id:4'];
    const alone = join(dir, 'mmoe-alone.db');
    const expected = parsed(
      await runCli([...searchArgs(alone, [...mmoe, '--workers', '1']), '--json']),
    );
    const url = redis.url(4);
    const worker = new WorkerProcess(url);
    const db = join(dir, 'mmoe-queue.db');
    const result = parsed(
      await runCli([...searchArgs(db, [...mmoe, '--redis', url, '--workers', '0']), '--json']),
    );
    assert.deepEqual(result.grouping, expected.grouping);
    assert.equal(result.objective, expected.objective);
    const runs = doneRuns(db);
    assert.equal(runs.size, expected.runs.total);
    for (const [key, run] of doneRuns(alone))
      assert.equal(runs.get(key)?.losses, run.losses, `MMoE run ${key} as on one machine`);
    assert.equal(trainings([worker]).size, expected.runs.total, 'the worker trained every run');
    worker.child.kill('SIGINT');
    assert.equal(await worker.exited, 130);
  });

  test(
    'a worker stopped while Redis is gone exits at once with 130, saying its runs go back to the queue',
    { timeout: 60_000 },
    async () => {
      const lost = await startRedis();
      const worker = new WorkerProcess(lost.url());
      await worker.waitFor(/serving/);
      await lost.stop();
      await worker.waitFor(/lost the connection/);
      worker.child.kill('SIGINT');
      assert.equal(await worker.exited, 130);
      assert.match(
        worker.log,
        /worker stopped with Redis out of reach; the runs it had started go back to the queue/,
      );
    },
  );

  test('an auxiliary search with balanced runs on the queue gives the single-process result, run by run', async () => {
    const roles = ['--aux', 'click,share', '--aux-balance', 'metabalance:0.5'];
    const alone = join(dir, 'aux-alone.db');
    const expected = parsed(
      await runCli([...searchArgs(alone, ['--workers', '1', ...roles]), '--json']),
    );
    const url = redis.url(4);
    const worker = new WorkerProcess(url);
    const db = join(dir, 'aux-queue.db');
    const raw = await runCli([
      ...searchArgs(db, ['--redis', url, '--workers', '0', ...roles]),
      '--json',
    ]);
    const result = parsed(raw) as ReturnType<typeof parsed> & { auxiliaries: string[][] };
    assert.deepEqual(result.grouping, expected.grouping);
    assert.deepEqual(result.auxiliaries, (expected as typeof result).auxiliaries);
    assert.equal(result.objective, expected.objective);
    const got = doneRuns(db);
    for (const [key, run] of doneRuns(alone))
      assert.equal(got.get(key)?.losses, run.losses, `run ${key}: the same losses on a worker`);
    assert.ok(worker.trained().length > 0);
    worker.child.kill('SIGINT');
    assert.equal(await worker.exited, 130);
  });

  test('a --method tag search on two workers gives the single-process result, run by run', async () => {
    const tag = ['--method', 'tag'];
    const alone = join(dir, 'tag-alone.db');
    const expected = parsed(
      await runCli([...searchArgs(alone, [...tag, '--workers', '1']), '--json']),
    );
    const url = redis.url(5);
    const workers = [new WorkerProcess(url), new WorkerProcess(url)];
    const db = join(dir, 'tag-queue.db');
    const result = parsed(
      await runCli([...searchArgs(db, [...tag, '--redis', url, '--workers', '0']), '--json']),
    );
    assert.deepEqual(result.grouping, expected.grouping);
    assert.equal(result.objective, expected.objective);
    assert.equal(result.runs.total, expected.runs.total);
    const want = doneRuns(alone);
    const got = doneRuns(db);
    const affinity = affinities(alone);
    assert.ok(affinity.size > 0, 'the search trained lookahead runs');
    assert.deepEqual(affinities(db), affinity, 'the same lookahead affinities');
    assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), 'the same runs');
    for (const [key, run] of want)
      assert.equal(got.get(key)?.losses, run.losses, `tag run ${key}: the same losses on a worker`);
    const counts = trainings(workers);
    assert.equal(counts.size, expected.runs.total, 'the workers trained every run');
    assert.ok(
      [...counts.values()].every((n) => n === 1),
      'no run trained twice',
    );
    await Promise.all(workers.map((w) => (w.child.kill('SIGINT'), w.exited)));
  });

  test('short runs share jobs: the single-process runs, each trained and stored once', async () => {
    const url = redis.url(6);
    const workers = [new WorkerProcess(url), new WorkerProcess(url)];
    const db = join(dir, 'batched.db');
    const result = parsed(
      await runCli([...searchArgs(db, ['--redis', url, '--workers', '0']), '--json']),
    );
    assert.deepEqual(result.grouping, reference.grouping);
    assert.equal(result.objective, reference.objective);
    const batches = workers.flatMap((w) => [
      ...w.log.matchAll(/job batch-\w+ started: (\d+) runs/g),
    ]);
    assert.ok(
      batches.some((m) => Number(m[1]) > 1),
      `runs of a few ms share jobs:\n${workers[0].log}`,
    );
    const got = doneRuns(db);
    for (const [key, run] of doneRuns(referenceDb)) {
      assert.equal(got.get(key)?.losses, run.losses, `run ${key}: the same losses in a batch`);
      assert.equal(got.get(key)?.attempts, 1);
    }
    const counts = trainings(workers);
    assert.equal(counts.size, reference.runs.total);
    assert.ok(
      [...counts.values()].every((n) => n === 1),
      'no run trained twice',
    );
    const status = await runCli(['status', '--db', db, '--redis', url, '--json']);
    assert.deepEqual(
      jobCounts(JSON.parse(status.stdout).queue),
      [[0, 0, 0]],
      'every batch left Redis once its runs were stored',
    );
    await Promise.all(workers.map((w) => (w.child.kill('SIGINT'), w.exited)));
  });

  test('a worker killed mid-batch: the whole job goes back, each of its runs stored once', async () => {
    const url = redis.url(7);
    const db = join(dir, 'batch-killed.db');
    const first = new WorkerProcess(url);
    const search = runCli([...searchArgs(db, ['--redis', url, '--workers', '0']), '--json']);
    const [, , keyList] = await first.waitFor(/job (batch-\w+) started: \d+ runs \(([0-9a-f,]+)\)/);
    first.child.kill('SIGKILL');
    await first.exited;
    const keys = keyList.split(',');
    assert.ok(keys.length > 1, 'a job of several runs');
    const second = new WorkerProcess(url);
    const result = parsed(await search);
    assert.deepEqual(result.grouping, reference.grouping);
    assert.equal(result.runs.failed, 0);
    const retrained = new Set(second.trained());
    assert.ok(
      keys.every((key) => retrained.has(key)),
      'every run of the killed job was trained again by the other worker',
    );
    const runs = doneRuns(db);
    assert.equal(runs.size, reference.runs.total);
    const expected = doneRuns(referenceDb);
    for (const key of keys) {
      assert.equal(runs.get(key)?.attempts, 1, `run ${key}: one attempt in the record`);
      assert.equal(runs.get(key)?.losses, expected.get(key)?.losses);
    }
  });

  test('Redis out of reach or refusing the password: exit 2 naming the URL, password hidden, nothing written', async () => {
    const closed = `redis://user:${password}@127.0.0.1:${await freePort()}`;
    const db = join(dir, 'down.db');
    const outcomes = [
      await runCli(searchArgs(db, ['--redis', closed])),
      await runCli(['worker', '--redis', closed]),
      await runCli(['status', '--db', db, '--redis', closed]),
    ];
    for (const outcome of outcomes) {
      assert.equal(outcome.code, 2, outcome.stderr);
      assert.match(
        outcome.stderr,
        /^taskgroup: --redis redis:\/\/user:\*\*\*@127\.0\.0\.1:\d+: cannot connect/,
      );
      assert.equal(outcome.stderr.trim().split('\n').length, 1, outcome.stderr);
      assertNoPassword(outcome.stderr, outcome.stdout);
    }
    assert.ok(!existsSync(db), 'no database written');
    const wrong = await runCli(
      searchArgs(db, ['--redis', `redis://:not-it@127.0.0.1:${redis.port}`]),
    );
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: authentication failed/);
    assert.ok(!wrong.stderr.includes('not-it'));
  });
});
