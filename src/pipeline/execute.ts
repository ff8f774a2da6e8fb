import type { ProxySettings } from '../proxy/types.js';
import type { PlannedRun, Store } from '../store/index.js';
import { runIdentity, runSpec } from './plan.js';
import { isFatal, type Trainer } from './trainer.js';

/** Set by the first Ctrl-C: no new run is dispatched, runs in flight may finish. */
export interface StopSignal {
  requested: boolean;
}

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
  trainer: Trainer;
  /** Batches in flight at once (one per worker). */
  parallel: number;
  maxAttempts: number;
  stop: StopSignal;
  onProgress?: (progress: ExecuteProgress) => void;
  /** Called after each run is committed (tests use it to kill the process at a chosen moment). */
  onRunStored?: (key: string) => void;
}

export interface ExecuteOutcome {
  trained: number;
  failed: number;
  interrupted: boolean;
  backends: string[];
}

/** Most runs in one batch: large enough to amortise dispatch, small enough that little is lost on a kill. */
export const maxRunsPerBatch = 6;
const busyPollMs = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Trains every run of the plan that is not done yet. Each run is claimed in the database just
 * before it is dispatched (so concurrent processes never train the same key) and committed the
 * moment its batch returns. Runs held by another live process are waited for, not trained.
 * Post: every planned run is done or failed, unless `stop` was requested.
 */
export async function executePlan(o: ExecuteOptions): Promise<ExecuteOutcome> {
  const state = { trained: 0, failed: 0, done: 0, backends: new Set<string>() };
  let queue = o.plan.filter((run) => o.store.runs.find(run.key)?.status !== 'done');
  state.done = o.plan.length - queue.length;
  let waiting: PlannedRun[] = [];
  /** Runs whose batch failed: retried one per batch, so one bad run cannot sink the others. */
  const solo = new Set<string>();
  const inflight = new Set<Promise<void>>();
  let fatal: unknown;
  const report = () => o.onProgress?.({ total: o.plan.length, done: state.done, failed: state.failed, trained: state.trained });
  report();

  const claimBatch = (): PlannedRun[] => {
    const seed = queue[0].seed;
    const sameSeed = queue.filter((run) => run.seed === seed).length;
    const limit = solo.has(queue[0].key) ? 1 : Math.max(1, Math.min(maxRunsPerBatch, Math.ceil(sameSeed / o.parallel)));
    const batch: PlannedRun[] = [];
    while (batch.length < limit && queue.length > 0 && queue[0].seed === seed && !(batch.length > 0 && solo.has(queue[0].key))) {
      const run = queue.shift()!;
      const outcome = o.store.runs.claim(runIdentity(run, o.fingerprint, o.taskNames, o.settings), o.owner, o.maxAttempts);
      if (outcome === 'claimed') batch.push(run);
      else if (outcome === 'done') state.done++;
      else if (outcome === 'busy') waiting.push(run);
      else state.failed++;
    }
    return batch;
  };

  const launch = (batch: PlannedRun[]) => {
    const job = o.trainer
      .train(batch.map((run) => runSpec(run, o.settings)))
      .then((results) => {
        for (const result of results) {
          o.store.transaction(() => {
            o.store.runs.finish(result.key, result);
            o.store.searches.countTrained(o.searchId);
          });
          state.trained++;
          state.done++;
          state.backends.add(result.backend);
          o.onRunStored?.(result.key);
        }
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (isFatal(error)) {
          fatal ??= error; // no retry can fix it; the runs stay claimed and are released below
          return;
        }
        for (const run of batch) {
          o.store.runs.fail(run.key, message);
          solo.add(run.key);
          queue.push(run);
        }
      })
      .finally(() => {
        inflight.delete(job);
        report();
      });
    inflight.add(job);
  };

  while (!o.stop.requested && fatal === undefined) {
    while (inflight.size < o.parallel && queue.length > 0 && !o.stop.requested && fatal === undefined) {
      const batch = claimBatch();
      if (batch.length > 0) launch(batch);
    }
    if (inflight.size > 0) {
      await Promise.race(inflight);
    } else if (queue.length === 0 && waiting.length === 0) {
      break;
    } else if (queue.length === 0) {
      await sleep(busyPollMs);
      queue = waiting;
      waiting = [];
    }
  }
  await Promise.allSettled([...inflight]);
  if (o.stop.requested || fatal !== undefined) o.store.runs.release(o.owner);
  if (fatal !== undefined) throw fatal;
  report();
  return { trained: state.trained, failed: state.failed, interrupted: o.stop.requested, backends: [...state.backends] };
}
