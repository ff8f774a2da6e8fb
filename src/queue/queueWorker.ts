import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { RedisAddress } from '../config/redisAddress.js';
import { TaskgroupError } from '../errors.js';
import { connectRedis, openRedis } from './connection.js';
import { watchConnection } from './connectionNotices.js';
import { DatasetShelf, type RunTrainer } from './datasetShelf.js';
import { beat, heartbeatMs, leave, type WorkerBeat } from './heartbeat.js';
import { queueNameOf, sameIdentity, showIdentity, type TrainerIdentity } from './identity.js';
import {
  batchJobName,
  batchJobProblem,
  runJobProblem,
  type BatchAnswer,
  type BatchEntry,
  type BatchJob,
  type RunAnswer,
  type RunJob,
} from './jobs.js';
import type { RunResult, RunSpec } from '../proxy/types.js';
import { keyPrefix } from './keys.js';

/**
 * How BullMQ tells a dead worker: the worker renews its lock on a run every lockMs / 2 (its
 * event loop is free: training runs in the pool's threads), and every worker looks for runs
 * whose lock lapsed every stalledCheckMs and puts them back in the queue. So a worker killed
 * mid-run has its run retrained elsewhere within about lockMs + 2 × stalledCheckMs. A run
 * that stalls twice (it may be what kills its workers) fails; the coordinator's attempts
 * (3, in SQLite) then decide.
 */
export const lockMs = 15_000;
export const stalledCheckMs = 5_000;
/** How long a closing worker waits for Redis to take its last words (leaving the list of workers). */
const goodbyeMs = 2_000;
/** Answers nobody collected (their coordinator never came back) are dropped after a week. */
const keepFinishedSeconds = 7 * 24 * 3600;

export interface QueueWorkerOptions {
  address: RedisAddress;
  identity: TrainerIdentity;
  /** Runs trained at once: the threads of `trainerFor`'s pools. */
  concurrency: number;
  role: WorkerBeat['role'];
  /** The pool of `concurrency` threads that trains the runs (closed with the worker). */
  trainer: RunTrainer;
  log: (line: string) => void;
  /** A failure no later run can escape on this worker (its backend does not start). */
  onFatal?: (error: TaskgroupError) => void;
}

/** How a worker's serving ended. */
export interface WorkerEnd {
  /** False: Redis was out of reach at the end, the runs in hand go back to the queue once it is back. */
  reachable: boolean;
  /**
   * Runs this worker trained whose answer Redis did not take: their job had vanished (the
   * server was flushed or restarted without its data). Their coordinators queue them again.
   */
  unanswered: number;
}

export interface ServingWorker {
  readonly id: string;
  /** Takes no new run, lets the runs in hand finish, leaves. */
  close(): Promise<WorkerEnd>;
}

/** BullMQ's error when a finished job's key or lock is gone from Redis. */
const vanished = /^Missing (key|lock) for job ([^\s.]+)/;

/** Starts taking runs of `identity`'s queue; throws a UsageError naming the URL when Redis cannot be reached. */
export async function startQueueWorker(o: QueueWorkerOptions): Promise<ServingWorker> {
  const redis = openRedis(o.address);
  await connectRedis(o.address, redis);
  const notices = watchConnection(redis, o.address, o.log);
  const id = `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`;
  const shelf = new DatasetShelf(redis, o.trainer);
  const state: WorkerBeat = {
    id,
    role: o.role,
    host: hostname(),
    pid: process.pid,
    identity: o.identity,
    concurrency: o.concurrency,
    active: 0,
    trained: 0,
    failed: 0,
    startedAt: new Date().toISOString(),
    seenAt: '',
  };
  const sendBeat = () =>
    beat(redis, { ...state, seenAt: new Date().toISOString() }).catch(() => {});
  const worker = new Worker<RunJob | BatchJob, RunAnswer | BatchAnswer>(
    queueNameOf(o.identity),
    (job) => trainJob(job, o, shelf, state),
    {
      connection: redis,
      prefix: keyPrefix,
      concurrency: o.concurrency,
      name: id,
      lockDuration: lockMs,
      stalledInterval: stalledCheckMs,
      maxStalledCount: 1,
      removeOnComplete: { age: keepFinishedSeconds },
      removeOnFail: { age: keepFinishedSeconds },
    },
  );
  const answers = watchAnswers(worker, o.log, notices.heard);
  await worker.waitUntilReady();
  await sendBeat();
  const timer = setInterval(sendBeat, heartbeatMs);
  let closing: Promise<WorkerEnd> | undefined;
  // Redis out of reach: the runs in hand could not answer anyway, and every command would wait
  // for the reconnection; the worker leaves at once and its runs go back to the queue (stalled).
  const close = async () => {
    clearInterval(timer);
    const reachable = redis.status === 'ready';
    await (reachable ? worker.close() : within(goodbyeMs, worker.close(true)));
    await shelf.close();
    notices.quiet();
    if (reachable) await within(goodbyeMs, leave(redis, id));
    redis.disconnect();
    return { reachable, unanswered: Math.max(0, state.trained - answers.taken()) };
  };
  return { id, close: () => (closing ??= close()) };
}

/**
 * Counts the answers Redis took (BullMQ's 'completed'), and says once per run when a trained
 * run's job had vanished (its answer not taken); other errors go to `heard`.
 */
function watchAnswers(
  worker: Worker<RunJob | BatchJob, RunAnswer | BatchAnswer>,
  log: (line: string) => void,
  heard: (error: Error) => void,
): { taken: () => number } {
  let taken = 0;
  const lost = new Set<string>();
  // Runs answered: a batch's runs that trained (those that failed count as failed, not trained).
  worker.on(
    'completed',
    (_job, answer) =>
      void (taken +=
        'entries' in answer ? answer.entries.filter((e) => !('error' in e)).length : 1),
  );
  worker.on('error', (error: Error) => {
    const gone = vanished.exec(error.message);
    if (gone === null) return heard(error);
    if (lost.has(gone[2])) return; // BullMQ tries again, and hears the same
    lost.add(gone[2]);
    log(
      `${gone[2].startsWith('batch-') ? 'job' : 'run'} ${gone[2]}: its job vanished from Redis (flushed or restarted) before the answer was taken; its search queues it again`,
    );
  });
  return { taken: () => taken };
}

/** Waits for `work` (its failure ignored), at most `ms`. */
async function within(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => {}),
    new Promise((resolve) => (timer = setTimeout(resolve, ms))),
  ]);
  clearTimeout(timer);
}

type AnyJob = Job<RunJob | BatchJob, RunAnswer | BatchAnswer>;

/** One job: refuse it unless it holds runs of this worker's identity, else train them and answer. */
async function trainJob(
  job: AnyJob,
  o: QueueWorkerOptions,
  shelf: DatasetShelf,
  state: WorkerBeat,
): Promise<RunAnswer | BatchAnswer> {
  const batch = job.name === batchJobName;
  const problem = batch ? batchJobProblem(job.data) : runJobProblem(job.data);
  if (problem) throw new UnrecoverableError(`refused by worker ${state.id}: ${problem}`);
  const { fingerprint, identity } = job.data;
  if (!sameIdentity(identity, o.identity)) {
    throw new UnrecoverableError(
      `refused by worker ${state.id}: the run wants ${showIdentity(identity)}; this worker computes with ${showIdentity(o.identity)}`,
    );
  }
  const answer = { identity: o.identity, worker: state.id };
  if (!batch) {
    const result = await trainRun((job.data as RunJob).spec, fingerprint, o, shelf, state);
    return { result, ...answer };
  }
  // One after another in this job's slot: the worker's other slots take other jobs meanwhile.
  const { specs } = job.data as BatchJob;
  o.log(`job ${job.id} started: ${specs.length} runs (${specs.map((spec) => spec.key).join(',')})`);
  const entries: BatchEntry[] = [];
  for (const spec of specs) {
    entries.push(
      await trainRun(spec, fingerprint, o, shelf, state).catch((error: Error) => ({
        key: spec.key,
        error: error.message,
      })),
    );
  }
  return { entries, ...answer };
}

/** Trains one run, saying so in the log; a failure names this worker. */
async function trainRun(
  spec: RunSpec,
  fingerprint: string,
  o: QueueWorkerOptions,
  shelf: DatasetShelf,
  state: WorkerBeat,
): Promise<RunResult> {
  state.active++;
  o.log(`run ${spec.key} started (seed ${spec.seed})`);
  try {
    const { result, dataset } = await shelf.train(fingerprint, spec);
    state.trained++;
    o.log(
      `run ${spec.key} trained in ${result.trainMs} ms: ${spec.tasks.map((t) => dataset.tasks[t].name).join(',')} seed ${spec.seed} (${result.backend})`,
    );
    return result;
  } catch (error) {
    state.failed++;
    const message = error instanceof Error ? error.message : String(error);
    o.log(`run ${spec.key} failed: ${message}`);
    if (error instanceof TaskgroupError && error.code === 'E_BACKEND') o.onFatal?.(error);
    throw new Error(`worker ${state.id}: ${message}`);
  } finally {
    state.active--;
  }
}
