import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RedisAddress } from '../config/redisAddress.js';
import type { EncodedDataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import type { RunResult, RunSpec } from '../proxy/types.js';
import { connectRedis, openRedis } from './connection.js';
import { watchConnection } from './connectionNotices.js';
import { publishDataset } from './datasetBlob.js';
import type { RunTrainer } from './datasetShelf.js';
import { queueNameOf, type TrainerIdentity } from './identity.js';
import {
  batchAnswers,
  batchJobName,
  runJobName,
  type BatchAnswer,
  type BatchJob,
  type RunAnswer,
  type RunJob,
} from './jobs.js';
import { keyPrefix, queuesKey } from './keys.js';
import { BatchBook } from './batchBook.js';
import { RunPacker } from './runBatches.js';
import { RunWaits } from './runWaits.js';
import { warnOfMissingWorkers } from './workerCheck.js';

type RunQueue = Queue<RunJob | BatchJob, RunAnswer | BatchAnswer>;
const isBatch = (id: string): boolean => id.startsWith('batch-');

export interface QueueTrainerOptions {
  address: RedisAddress;
  identity: TrainerIdentity;
  /** Set on Ctrl-C: runs still waiting in the queue are taken out (see `withdraw`). */
  stop: { requested: boolean };
  /** Threads of this process that serve the queue too (no warning about missing workers then). */
  localThreads: number;
  warn: (message: string) => void;
  /** How long Redis may be out of reach before the batches fail (default outageLimitMs). */
  outageLimitMs?: number;
}

/** Looks again at every run waited for this often: an answer whose event was missed, a job that vanished. */
const sweepMs = 5_000;
/** Renews the published dataset's expiry every this many sweeps. */
const refreshEvery = 12;
/** Redis may be out of reach this long before the search stops, interrupted (exit 2, finished runs saved). */
export const outageLimitMs = 30_000;
const stopPollMs = 250;

/**
 * The coordinator's side of the queue, a Trainer for execute.ts: each run the pipeline claimed
 * in SQLite becomes one BullMQ job whose id is the run key, or, when runs are short, shares a
 * job with others (runBatches.ts), and the batch resolves with the answers. Before queueing, a run's job is looked up: an answer left by a worker while no
 * coordinator listened (this one was killed) is collected, not trained again; a job still
 * queued or in training is just waited for; a failed one is queued afresh (execute.ts counts
 * the attempts). Answers stay in Redis until the pipeline has stored them (see `train`).
 */
export async function openQueueTrainer(o: QueueTrainerOptions): Promise<RunTrainer> {
  const redis = openRedis(o.address);
  await connectRedis(o.address, redis);
  const name = queueNameOf(o.identity);
  await redis.sadd(queuesKey, name);
  const queue: RunQueue = new Queue(name, { connection: redis, prefix: keyPrefix });
  const events = new QueueEvents(name, { connection: redis, prefix: keyPrefix });
  const trainer = new QueueTrainer(o, redis, queue, events);
  await events.waitUntilReady();
  if (o.localThreads === 0) await warnOfMissingWorkers(redis, o.identity, o.address, o.warn);
  return trainer;
}

class QueueTrainer implements RunTrainer {
  private readonly waits: RunWaits;
  private lost: UsageError | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly notices: ReturnType<typeof watchConnection>;
  private sweeps = 0;
  private outage: NodeJS.Timeout | undefined;
  /** The search's data, published in Redis on the first batch (a search whose runs are all stored never loads it). */
  private published: Promise<EncodedDataset> | undefined;
  /** Removals of stored answers still on their way to Redis: close() waits for them. */
  private readonly removals = new Set<Promise<unknown>>();
  private readonly packer: RunPacker;
  private readonly book: BatchBook;

  constructor(
    private readonly o: QueueTrainerOptions,
    private readonly redis: Redis,
    private readonly queue: RunQueue,
    private readonly events: QueueEvents,
  ) {
    this.waits = new RunWaits(o.identity);
    this.book = new BatchBook(redis, queue.name);
    this.packer = new RunPacker((specs, fingerprint) =>
      this.enqueue(specs, fingerprint).catch((error: Error) => {
        for (const { key } of specs) this.waits.fail(key, this.o.address.redact(error.message));
      }),
    );
    this.notices = watchConnection(redis, o.address, o.warn, {
      down: () =>
        (this.outage ??= setTimeout(() => this.giveUp(), o.outageLimitMs ?? outageLimitMs)),
      up: () => (this.outage = void clearTimeout(this.outage)),
    });
    queue.on('error', this.notices.heard);
    events.on('error', this.notices.heard);
    events.on('completed', ({ jobId, returnvalue }) => void this.collect(jobId, returnvalue));
    events.on('failed', ({ jobId, failedReason }) => {
      for (const key of this.waits.byJob().get(jobId) ?? []) this.waits.fail(key, failedReason);
    });
    this.timers.push(setInterval(() => void this.sweep().catch(() => {}), sweepMs));
    const watchStop = setInterval(
      () => o.stop.requested && (clearInterval(watchStop), void this.withdraw()),
      stopPollMs,
    );
    this.timers.push(watchStop);
  }

  /**
   * Resolves with the results of `specs`, in order, leaving out runs withdrawn after a stop
   * (they stay claimed by this process, and execute.ts releases its claims when stopped). The
   * answers are removed from Redis on the next turn of the event loop: after execute.ts has
   * committed them, which it does synchronously in this promise's continuation.
   */
  async train(specs: RunSpec[], dataset: () => Promise<EncodedDataset>): Promise<RunResult[]> {
    if (this.lost) throw this.lost;
    this.published ??= dataset().then(
      async (data) => (await publishDataset(this.redis, data), data),
    );
    this.published.catch(() => (this.published = undefined)); // tried again by the next batch
    const { fingerprint } = await this.published;
    const outcomes = await Promise.all(specs.map((spec) => this.runOne(spec, fingerprint)));
    const results = outcomes.filter((outcome): outcome is RunResult => outcome !== 'withdrawn');
    setImmediate(() => this.removeStored(results.map((r) => r.key)));
    return results;
  }

  /** Stored answers leave Redis; if this process dies first, the next coordinator finds them done in SQLite and never asks. */
  private removeStored(keys: string[]): void {
    const removal = Promise.all(keys.map((key) => this.removeOne(key))).catch(() => {});
    this.removals.add(removal);
    void removal.finally(() => this.removals.delete(removal));
  }

  /** A run's job leaves Redis; a batch's, once all its runs are stored. */
  private async removeOne(key: string): Promise<void> {
    const id = await this.book.stored(key);
    if (id !== undefined) await this.queue.remove(id);
  }

  private runOne(spec: RunSpec, fingerprint: string): Promise<RunResult | 'withdrawn'> {
    const outcome = this.waits.add(spec, fingerprint);
    this.submit(spec, fingerprint).catch((error: Error) =>
      this.waits.fail(spec.key, this.o.address.redact(error.message)),
    );
    return outcome;
  }

  /** Collects the run's answer if a worker left one, waits if its job is queued, else queues it. */
  private async submit(spec: RunSpec, fingerprint: string): Promise<void> {
    const pointer = this.book.pointer(spec.key);
    const id = (await this.redis.get(pointer)) ?? spec.key;
    const job = await this.queue.getJob(id);
    if (job) {
      const state = await job.getState();
      if (state === 'completed') return void (await this.collect(id, job.returnvalue));
      if (state !== 'failed' && state !== 'unknown')
        return this.waits.follow(spec.key, id, job.timestamp);
      await (isBatch(id) ? this.redis.del(pointer) : job.remove());
    }
    this.packer.add(spec, fingerprint);
  }

  /** Queues one job of `specs`: its id the run key for one run, a new batch id for several. */
  private async enqueue(specs: RunSpec[], fingerprint: string): Promise<void> {
    const { identity } = this.o;
    if (specs.length === 1) {
      const [spec] = specs;
      const data: RunJob = { spec, fingerprint, identity };
      const job = await this.queue.add(runJobName, data, { jobId: spec.key, attempts: 1 });
      return this.waits.follow(spec.key, spec.key, job.timestamp);
    }
    const keys = specs.map((spec) => spec.key);
    const id = await this.book.open(keys);
    const data: BatchJob = { specs, fingerprint, identity };
    const job = await this.queue.add(batchJobName, data, { jobId: id, attempts: 1 });
    for (const key of keys) this.waits.follow(key, id, job.timestamp);
  }

  /**
   * A job's answer: each run waited for takes its own. A run that failed in a batch no longer
   * points to it (its retry is queued afresh); an answer that is no result of this identity
   * drops its job from Redis, so the retry trains the run again.
   */
  private async collect(id: string, value: unknown): Promise<void> {
    if (!isBatch(id)) return void (this.answer(id, value) || (await this.queue.remove(id)));
    const answers = batchAnswers(value) ?? [];
    let refused = answers.length === 0;
    for (const { key, answer, error } of answers) {
      if (!this.waits.isWaiting(key)) continue;
      if (error === undefined) {
        refused = !this.answer(key, answer) || refused;
        continue;
      }
      await this.book.drop(id, key);
      this.waits.fail(key, error);
    }
    // A run of the job the answer leaves out would wait for ever: it fails as refused ones do.
    const left = this.waits.byJob().get(id) ?? [];
    if (!refused && left.length === 0) return;
    for (const key of left) this.waits.fail(key, 'the job answered without it');
    await this.queue.remove(id);
  }

  /** Takes one run's answer; a valid one's training time sizes the next jobs. */
  private answer(key: string, value: unknown): boolean {
    const taken = this.waits.answer(key, value);
    if (taken) this.packer.measured((value as RunAnswer | undefined)?.result?.trainMs ?? 0);
    return taken;
  }

  /** Every run waited for, looked at again: answers whose event was missed, jobs that vanished (Redis restarted). */
  private async sweep(): Promise<void> {
    if (++this.sweeps % refreshEvery === 0) await this.republish();
    await Promise.all([...this.waits.byJob()].map(([id, keys]) => this.lookAgain(id, keys)));
  }

  private async lookAgain(id: string, keys: string[]): Promise<void> {
    const job: Job<RunJob | BatchJob, RunAnswer | BatchAnswer> | undefined =
      await this.queue.getJob(id);
    // Answered meanwhile (and perhaps already removed):
    const waiting = keys.filter((key) => this.waits.isWaiting(key));
    if (waiting.length === 0) return;
    if (!job) return void (await this.enqueueAgain(waiting));
    const state = await job.getState();
    if (state === 'completed') await this.collect(id, job.returnvalue);
    else if (state === 'failed')
      for (const key of waiting)
        if (this.waits.follows(key, job.timestamp)) this.waits.fail(key, job.failedReason);
  }

  private async enqueueAgain(keys: string[]): Promise<void> {
    await this.republish(); // gone with the jobs if Redis lost its data
    for (const key of keys) {
      const wait = this.waits.specOf(key);
      if (wait) this.packer.add(wait.spec, wait.fingerprint);
    }
  }

  /** Renews (or writes again) the published dataset. */
  private async republish(): Promise<void> {
    if (this.published) await publishDataset(this.redis, await this.published);
  }

  /** After a stop: runs no worker has started leave the queue; runs in training finish on their workers (their answers wait in Redis if this process has gone). */
  private async withdraw(): Promise<void> {
    for (const spec of this.packer.drain()) this.waits.withdraw(spec.key);
    for (const [id, keys] of this.waits.byJob()) {
      const job = await this.queue.getJob(id);
      if (
        job &&
        ['waiting', 'prioritized', 'delayed'].includes(await job.getState()) &&
        (await this.queue.remove(id)) === 1
      )
        for (const key of keys) this.waits.withdraw(key);
    }
  }

  /** The outage lasted too long: every batch fails with E_OUTAGE, and the search ends interrupted (trainSearch.ts). */
  private giveUp(): void {
    const seconds = (this.o.outageLimitMs ?? outageLimitMs) / 1000;
    this.lost = new UsageError(
      `--redis ${this.o.address.shown}: no connection for ${seconds} s`,
      'E_OUTAGE',
    );
    this.waits.rejectAll(this.lost);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.packer.close();
    clearTimeout(this.outage);
    this.notices.quiet();
    await new Promise((resolve) => setImmediate(resolve)); // the last batch's removals start
    const closing = Promise.all([...this.removals])
      .then(() => Promise.all([this.events.close(), this.queue.close()]))
      .then(() => this.redis.quit());
    await Promise.race([
      closing.catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]);
    this.redis.disconnect();
  }
}
