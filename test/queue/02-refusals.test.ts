import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Queue, QueueEvents } from 'bullmq';
import { parseRedisAddress } from '../../src/config/redisAddress.js';
import type { RunSpec } from '../../src/proxy/types.js';
import { queueNameOf, type TrainerIdentity } from '../../src/queue/identity.js';
import { keyPrefix } from '../../src/queue/keys.js';
import { startQueueWorker, type ServingWorker } from '../../src/queue/queueWorker.js';
import { RunWaits } from '../../src/queue/runWaits.js';
import { toolVersion } from '../../src/version.js';
import { redisServerMissing, startRedis, type RedisServer } from '../helpers/redisServer.js';

const ours: TrainerIdentity = { version: toolVersion, trainer: 'kernels' };
const older: TrainerIdentity = { version: '0.0.1', trainer: 'kernels' };
const spec: RunSpec = { key: 'a1b2', tasks: [0, 2], seed: 1, settings: {} as RunSpec['settings'] };
const fingerprint = 'f'.repeat(64);

test('a Redis URL is shown and echoed with its password hidden', () => {
  const address = parseRedisAddress('--redis', 'redis://ops:p%40ss@cache.example:6380/3');
  assert.equal(address.shown, 'redis://ops:***@cache.example:6380/3');
  assert.equal(
    address.redact('AUTH ops p@ss failed; url redis://ops:p%40ss@x'),
    'AUTH ops *** failed; url redis://ops:***@x',
  );
  assert.throws(
    () => parseRedisAddress('--redis', 'http://ops:pw@host'),
    /^UsageError: --redis http:\/\/ops:\*\*\*@host: the scheme must be redis:\/\/ or rediss:\/\/$/,
  );
});

test('a coordinator refuses an answer computed by another version or trainer', async () => {
  const waits = new RunWaits(ours);
  const answered = waits.add(spec, fingerprint);
  const result = { key: spec.key, losses: [0.5, 0.25], backend: 'wasm-kernels', trainMs: 3 };
  assert.equal(waits.answer(spec.key, { result, identity: older, worker: 'elsewhere:1' }), false);
  await assert.rejects(answered, /computed with taskgroup 0\.0\.1, trainer kernels, not taskgroup/);
  const good = waits.add(spec, fingerprint);
  assert.equal(waits.answer(spec.key, { result, identity: ours, worker: 'here:1' }), true);
  assert.deepEqual(await good, result);
});

test('a coordinator refuses an answer whose metrics are not one per task; null stands for NaN', async () => {
  const waits = new RunWaits(ours);
  const answered = waits.add(spec, fingerprint);
  const result = { key: spec.key, losses: [0.5, 0.25], backend: 'wasm-kernels', trainMs: 3 };
  const bad = { result: { ...result, metrics: [0.7] }, identity: ours, worker: 'here:1' };
  assert.equal(waits.answer(spec.key, bad), false);
  await assert.rejects(answered, /the result's metrics must be 2 numbers/);
  const good = waits.add(spec, fingerprint);
  const metrics = [0.7, null];
  const answer = { result: { ...result, metrics }, identity: ours, worker: 'here:1' };
  assert.equal(waits.answer(spec.key, answer), true);
  assert.deepEqual(await good, answer.result);
});

describe('a worker and the jobs it may take', { skip: redisServerMissing }, () => {
  let redis: RedisServer;
  let worker: ServingWorker;
  let queue: Queue;
  let events: QueueEvents;
  let trained = 0;

  before(async () => {
    redis = await startRedis();
    const address = parseRedisAddress('--redis', redis.url());
    const connection = { host: '127.0.0.1', port: redis.port };
    worker = await startQueueWorker({
      address,
      identity: ours,
      concurrency: 1,
      role: 'worker',
      log: () => {},
      trainer: { train: async () => (trained++, []), close: async () => {} },
    });
    queue = new Queue(queueNameOf(ours), { connection, prefix: keyPrefix });
    events = new QueueEvents(queueNameOf(ours), { connection, prefix: keyPrefix });
    await events.waitUntilReady();
  });
  after(async () => {
    await Promise.all([worker?.close(), queue?.close(), events?.close()]);
    await redis?.stop();
  });

  test('refuses a run that wants another tool version, without training it', async () => {
    const job = await queue.add(
      'proxy-run',
      { spec, fingerprint, identity: older },
      { jobId: 'older-run' },
    );
    await assert.rejects(
      job.waitUntilFinished(events, 20_000),
      /refused by worker .*: the run wants taskgroup 0\.0\.1, trainer kernels; this worker computes with taskgroup .*, trainer kernels/,
    );
    assert.equal(trained, 0);
  });

  test('refuses a job that is no taskgroup run', async () => {
    const job = await queue.add('proxy-run', { something: 'else' }, { jobId: 'stranger' });
    await assert.rejects(
      job.waitUntilFinished(events, 20_000),
      /refused by worker .*: not a taskgroup proxy run/,
    );
    assert.equal(trained, 0);
  });
});
