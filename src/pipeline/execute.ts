import type { EncodedDataset } from '../data/types.js';
import { InterruptedError } from '../errors.js';
import { passKey, type ProxySettings, type RunResult } from '../proxy/types.js';
import type { PlannedRun, Store } from '../store/index.js';
import { writeAfterFailure } from './afterFailure.js';
import { divergedTwice, divergence, FarAboveTrivial } from './divergence.js';
import { plannedSpec, runIdentity, type Lookahead } from './plan.js';
import type { BalanceBasis } from './runBalance.js';
import type { StopSignal } from './protocol.js';
import { isFatal, type Trainer } from './trainer.js';

export type { StopSignal };

export interface ExecuteProgress {
  total: number;
  done: number;
  failed: number;
  trained: number;
}

export interface ExecuteOptions {
  store: Store;
  searchId: string;
  owner: string;
  plan: PlannedRun[];
  fingerprint: string;
  taskNames: string[];
  settings: ProxySettings;
  /** A `tag` search's lookahead, measured by its runs over every task (see plan.ts). */
  lookahead?: Lookahead;
  /** How the study balances its auxiliary tasks' gradients (runBalance.ts), if it does. */
  balance?: BalanceBasis;
  trainer: Trainer;
  /** The search's data, loaded on first call (see Trainer.train). */
  dataset: () => Promise<EncodedDataset>;
  /** Batches in flight at once (one per worker). */
  parallel: number;
  maxAttempts: number;
  stop: StopSignal;
  onProgress?: (progress: ExecuteProgress) => void;
  /** Called after each run is committed (tests use it to kill the process at a chosen moment). */
  onRunStored?: (key: string) => void;
  /** One-line warnings about the runs (a validation loss far above its task's trivial one). */
  onWarning?: (message: string) => void;
  /** The session's seconds not yet recorded, taken as each run is stored (see SearchStore.countTrained). */
  lap?: () => number;
}

export interface ExecuteOutcome {
  trained: number;
  failed: number;
  interrupted: boolean;
  backends: string[];
}

/** Most runs in one batch: large enough to amortise dispatch, small enough that little is lost on a kill. */
export const maxRunsPerBatch = 6;
/**
 * After a stop, how long the batches in flight get to answer. A run in training stops at its
 * next batch, far sooner; a worker still starting (TensorFlow.js takes seconds to load on a busy
 * machine) may not, and is ended with the pool. Its runs are pending again either way.
 */
export const stopGraceMs = 1000;
const busyPollMs = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Trains every run of the plan that is not done yet. Each run is claimed in the database just
 * before it is dispatched (so concurrent processes never train the same key) and committed the
 * moment its batch returns. Runs held by another live process are waited for, not trained.
 * Post: every planned run is done or failed, unless `stop` was requested.
 */
export async function executePlan(o: ExecuteOptions): Promise<ExecuteOutcome> {
  return new PlanExecution(o).run();
}

/** One executePlan call: its queue, the batches in flight, and what they have done so far. */
class PlanExecution {
  private readonly count = { trained: 0, failed: 0, done: 0 };
  private readonly backends = new Set<string>();
  private queue: PlannedRun[];
  /** Runs another live process holds: looked at again once the queue is empty. */
  private waiting: PlannedRun[] = [];
  /** Runs whose batch failed: retried one per batch, so one bad run cannot sink the others. */
  private readonly solo = new Set<string>();
  private readonly inflight = new Set<Promise<void>>();
  private fatal: unknown;
  /** Runs whose training diverged once: a second time stops the search (see divergence.ts). */
  private readonly diverged = new Set<string>();
  private readonly farAbove: FarAboveTrivial;

  constructor(private readonly o: ExecuteOptions) {
    this.farAbove = new FarAboveTrivial({ ...o, warn: o.onWarning });
    this.queue = o.plan.filter((run) => o.store.runs.find(run.key)?.status !== 'done');
    this.count.done = o.plan.length - this.queue.length;
  }

  async run(): Promise<ExecuteOutcome> {
    const { o } = this;
    this.report();
    const stop = stopHeard(o.stop);
    try {
      await this.loop(stop.heard);
    } finally {
      stop.dispose();
    }
    await settled([...this.inflight], o.stop.requested ? stopGraceMs : Infinity);
    if (this.fatal !== undefined) {
      writeAfterFailure(() => o.store.runs.release(o.owner));
      throw this.fatal;
    }
    if (o.stop.requested) o.store.runs.release(o.owner);
    this.report();
    return {
      trained: this.count.trained,
      failed: this.count.failed,
      interrupted: o.stop.requested,
      backends: [...this.backends],
    };
  }

  /**
   * Dispatches and awaits batches until the plan is done, a fatal error or the stop. The stop is
   * awaited with the batches: a worker still starting answers late, and the grace period after a
   * stop must not wait for it.
   */
  private async loop(stopped: Promise<void>): Promise<void> {
    while (!this.o.stop.requested && this.fatal === undefined) {
      this.dispatch();
      if (this.inflight.size > 0) {
        await Promise.race([...this.inflight, stopped]);
      } else if (this.queue.length === 0 && this.waiting.length === 0) {
        break;
      } else if (this.queue.length === 0) {
        await sleep(busyPollMs);
        this.queue = this.waiting;
        this.waiting = [];
      }
    }
  }

  private report(): void {
    const { done, failed, trained } = this.count;
    this.o.onProgress?.({ total: this.o.plan.length, done, failed, trained });
  }

  /** Launches batches until every worker has one, the queue is empty, or the search must stop. */
  private dispatch(): void {
    while (
      this.inflight.size < this.o.parallel &&
      this.queue.length > 0 &&
      !this.o.stop.requested &&
      this.fatal === undefined
    ) {
      const batch = this.claimBatch();
      if (batch.length > 0) this.launch(batch);
    }
  }

  /**
   * Claims the next batch: runs of the first queued run's training pass (its seed: the worker
   * trains them together, see passKey), about an equal share of that pass per worker, at most
   * maxRunsPerBatch, and a run that failed in a batch alone. Runs found done, held or out of
   * attempts are counted or set aside instead.
   */
  private claimBatch(): PlannedRun[] {
    const { o, queue } = this;
    const passOf = (run: PlannedRun) => passKey({ seed: run.seed, settings: o.settings });
    const pass = passOf(queue[0]);
    const samePass = queue.filter((run) => passOf(run) === pass).length;
    const limit = this.solo.has(queue[0].key)
      ? 1
      : Math.max(1, Math.min(maxRunsPerBatch, Math.ceil(samePass / o.parallel)));
    const batch: PlannedRun[] = [];
    while (
      batch.length < limit &&
      queue.length > 0 &&
      passOf(queue[0]) === pass &&
      !(batch.length > 0 && this.solo.has(queue[0].key))
    ) {
      const run = queue.shift()!;
      const outcome = o.store.runs.claim(
        runIdentity(run, o.fingerprint, o.taskNames, o.settings),
        o.owner,
        o.maxAttempts,
      );
      if (outcome === 'claimed') batch.push(run);
      else if (outcome === 'done') this.count.done++;
      else if (outcome === 'busy') this.waiting.push(run);
      else this.count.failed++;
    }
    return batch;
  }

  /**
   * Trains a batch; its runs are committed when it returns, or handled as failed. A run that
   * cannot be stored (a full disk, a database gone read-only) stops the whole search: no other
   * run could be stored either.
   */
  private launch(batch: PlannedRun[]): void {
    const job = this.o.trainer
      .train(
        batch.map((run) => plannedSpec(run, this.o)),
        this.o.dataset,
      )
      .then(
        (results) => this.commit(batch, results),
        (error: unknown) => this.failed(batch, error),
      )
      .catch((error: unknown) => void (this.fatal ??= error))
      .finally(() => {
        this.inflight.delete(job);
        this.report();
      });
    this.inflight.add(job);
  }

  /**
   * Stores each finished run in its own transaction, the moment its batch returns; a run whose
   * training diverged is not a result (see divergence.ts).
   */
  private commit(batch: PlannedRun[], results: RunResult[]): void {
    const { store, searchId, onRunStored } = this.o;
    for (const result of results) {
      const run = batch.find((planned) => planned.key === result.key)!;
      const problem = divergence(result);
      if (problem !== undefined) {
        this.divergedRun(run, problem);
        continue;
      }
      this.farAbove.look(run, result);
      store.transaction(() => {
        store.runs.finish(result.key, result);
        store.searches.countTrained(searchId, this.o.lap?.() ?? 0);
      });
      this.count.trained++;
      this.count.done++;
      this.backends.add(result.backend);
      onRunStored?.(result.key);
    }
  }

  /** A diverged run is recorded failed and retried once, alone; diverging again stops the search. */
  private divergedRun(run: PlannedRun, problem: string): void {
    this.o.store.runs.fail(run.key, problem);
    if (this.diverged.has(run.key)) {
      this.fatal ??= divergedTwice(run, this.o.taskNames, this.o.settings);
      return;
    }
    this.diverged.add(run.key);
    this.solo.add(run.key);
    this.queue.push(run);
  }

  /**
   * A failed batch: its runs go back in the queue, each to be retried alone; a fatal error stops
   * everything. A batch stopped by Ctrl-C (its runs interrupted, or its worker ended with the
   * pool) did not fail: its runs stay claimed, and are handed back as pending, no attempt spent,
   * when the loop ends (release).
   */
  private failed(batch: PlannedRun[], error: unknown): void {
    if (error instanceof InterruptedError || this.o.stop.requested) return;
    if (isFatal(error)) {
      this.fatal ??= error; // no retry can fix it; the runs stay claimed and are released at the end
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    for (const run of batch) {
      this.o.store.runs.fail(run.key, message);
      this.solo.add(run.key);
      this.queue.push(run);
    }
  }
}

/** Waits until every job has settled, or `limitMs` has passed. */
async function settled(jobs: Promise<void>[], limitMs: number): Promise<void> {
  const all = Promise.allSettled(jobs);
  if (!Number.isFinite(limitMs)) {
    await all;
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, limitMs)))]);
  clearTimeout(timer);
}

/** A promise that resolves when the stop is raised (never, for a stop without a signal), and its disposal. */
function stopHeard(stop: StopSignal): { heard: Promise<void>; dispose: () => void } {
  let onAbort = () => {};
  const heard = new Promise<void>((resolve) => (onAbort = () => resolve()));
  stop.signal?.addEventListener('abort', onAbort, { once: true });
  return { heard, dispose: () => stop.signal?.removeEventListener('abort', onAbort) };
}
