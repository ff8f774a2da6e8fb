import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { parseRedisAddress } from '../../src/config/redisAddress.js';
import { loadDataset } from '../../src/data/index.js';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { TaskgroupError, UsageError } from '../../src/errors.js';
import { resumeSearch, runSearch } from '../../src/pipeline/runSearch.js';
import type { Trainer } from '../../src/pipeline/trainer.js';
import type { RunResult, RunSpec } from '../../src/proxy/types.js';
import { queueNameOf, type TrainerIdentity } from '../../src/queue/identity.js';
import { keyPrefix } from '../../src/queue/keys.js';
import { publishDataset } from '../../src/queue/datasetBlob.js';
import { openQueueTrainer } from '../../src/queue/queueTrainer.js';
import { startQueueWorker } from '../../src/queue/queueWorker.js';
import { toolVersion } from '../../src/version.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { redisServerMissing, startRedis } from '../helpers/redisServer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// #8 of the issue that listed hostile inputs (round 2): a Redis outage longer than the limit
// leaves the search interrupted and resumable, not failed; a worker whose job vanished from
// Redis while it trained does not claim to have answered it.
const dir = tempDir();
const ours: TrainerIdentity = { version: toolVersion, trainer: 'kernels' };
const spec: RunSpec = { key: 'c3d4', tasks: [0, 1], seed: 1, settings: {} as RunSpec['settings'] };

test('a search whose Redis stays out of reach too long is interrupted, says how to resume, and resumes to the end', async () => {
  const data = smallCsv(dir);
  const config = resolveSearchConfig({ data, tasks: 't0,t1,t2', seeds: '1', workers: '1' });
  const db = join(dir, 'outage.db');
  let batches = 0;
  // What the queue's batches reject with once Redis has been gone longer than the limit.
  const outage = new UsageError('--redis redis://127.0.0.1:1: no connection for 30 s', 'E_OUTAGE');
  const base = fakeTrainer([[0, 1, 2]]);
  const flaky: Trainer = {
    train: async (specs, dataset) =>
      ++batches > 1 ? Promise.reject(outage) : base.train(specs, dataset),
    close: async () => {},
  };
  const error = await runSearch(config, db, {
    stop: { requested: false },
    trainer: () => flaky,
  }).then(
    () => assert.fail('the search should have stopped'),
    (e: unknown) => e as TaskgroupError,
  );
  assert.equal(error.exitCode, 2);
  assert.match(
    error.message,
    /^--redis redis:\/\/127\.0\.0\.1:1: no connection for 30 s; finished runs are saved, continue once fixed with: taskgroup resume (\w+) --db \S+$/,
  );
  const id = /resume (\w+)/.exec(error.message)![1];
  const { withStore } = await import('../../src/pipeline/inspect.js');
  assert.equal(
    withStore(db, (store) => store.searches.find(id)!.status),
    'interrupted',
  );
  const resumed = await resumeSearch(id, db, {
    stop: { requested: false },
    trainer: () => fakeTrainer([[0, 1, 2]]),
  });
  assert.equal(resumed.status, 'done');
  assert.equal(resumed.runs.failed, 0);
});

test(
  'the queue trainer gives up on a Redis gone longer than its limit with an outage error (exit 2), naming the URL',
  { skip: redisServerMissing },
  async () => {
    const redis = await startRedis();
    after(() => redis.stop());
    const address = parseRedisAddress('--redis', redis.url());
    const trainer = await openQueueTrainer({
      address,
      identity: ours,
      stop: { requested: false },
      localThreads: 1,
      warn: () => {},
      outageLimitMs: 1500,
    });
    try {
      const dataset = await loadDataset({
        file: smallCsv(dir),
        tasks: [{ name: 't0' }, { name: 't1' }],
      });
      const training = trainer.train([{ ...spec, key: 'outage-run' }], async () => dataset);
      training.catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 500)); // published and queued
      await redis.stop();
      const started = performance.now();
      await assert.rejects(training, (error: unknown) => {
        assert.ok(error instanceof TaskgroupError);
        assert.equal(error.code, 'E_OUTAGE');
        assert.equal(error.exitCode, 2);
        assert.match(
          error.message,
          new RegExp(
            `^--redis ${address.shown.replace(/[/.]/g, '\\$&')}: no connection for 1.5 s$`,
          ),
        );
        return true;
      });
      assert.ok(performance.now() - started < 15_000, 'given up after the limit, not 30 s');
    } finally {
      await trainer.close();
    }
  },
);

test(
  'a worker whose job vanished from Redis while it trained says the answer was not taken',
  { skip: redisServerMissing },
  async () => {
    const redis = await startRedis();
    after(() => redis.stop());
    const address = parseRedisAddress('--redis', redis.url());
    let started!: () => void;
    const training = new Promise<void>((resolve) => (started = resolve));
    const log: string[] = [];
    const worker = await startQueueWorker({
      address,
      identity: ours,
      concurrency: 1,
      role: 'worker',
      log: (line) => log.push(line),
      trainer: {
        train: async (specs): Promise<RunResult[]> => {
          started();
          await new Promise((resolve) => setTimeout(resolve, 1500));
          return specs.map((s) => ({
            key: s.key,
            losses: [0.5, 0.4],
            backend: 'fake',
            trainMs: 1,
          }));
        },
        close: async () => {},
      },
    });
    const connection = { host: '127.0.0.1', port: redis.port };
    const queue = new Queue(queueNameOf(ours), { connection, prefix: keyPrefix });
    try {
      // The data a worker fetches before training, as a coordinator publishes it.
      const dataset = await loadDataset({
        file: smallCsv(dir),
        tasks: [{ name: 't0' }, { name: 't1' }],
      });
      const publisher = new Redis(redis.port, '127.0.0.1');
      await publishDataset(publisher, dataset);
      publisher.disconnect();
      await queue.add(
        'proxy-run',
        { spec, fingerprint: dataset.fingerprint, identity: ours },
        { jobId: spec.key },
      );
      await training;
      const client = new Redis(redis.port, '127.0.0.1');
      await client.flushall();
      client.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 2500)); // it finishes and tries to answer
    } finally {
      await queue.close();
    }
    const end = await worker.close();
    assert.deepEqual(end, { reachable: true, unanswered: 1 });
    assert.ok(
      log.some((line) =>
        /^run c3d4: its job vanished from Redis \(flushed or restarted\) before the answer was taken/.test(
          line,
        ),
      ),
      log.join('\n'),
    );
  },
);
