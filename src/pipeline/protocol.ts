/**
 * Messages between the main thread and the workers: the pipeline's pool and the training worker
 * (workers/trainWorker.ts), the solve and its worker (workers/solveWorker.ts). Plain data only:
 * the dataset's arrays and the solve's stop flag are SharedArrayBuffer-backed, so posting them
 * shares their memory. A failure crosses as a WireError (src/errors.ts), with its code and exit
 * code.
 */
import type { EncodedDataset } from '../data/types.js';
import type { WireError } from '../errors.js';
import type { RunResult, RunSpec } from '../proxy/types.js';
import type { SolveJob, SolveReport } from './solveTable.js';

/** Given once per worker as piscina's `workerData`: the trainer it runs (proxy/trainers), by name. */
export interface TrainWorkerData {
  trainer: string;
  /** The search's stop flag (see StopFlag), read by a run once per batch; absent, runs always finish. */
  stop?: SharedArrayBuffer;
}

/** One task: the runs to train on the dataset (runs of one seed are trained together in one pass). */
export interface TrainRequest {
  dataset: EncodedDataset;
  specs: RunSpec[];
}

/**
 * Answered `{ ok: true, results: [] }` once the thread has started (its modules evaluated, its
 * trainer prepared or failed to): the pool sends one to every thread before ending them (pool.ts).
 */
export interface SettleRequest {
  settle: true;
}

export type TrainReply = { ok: true; results: RunResult[] } | { ok: false; error: WireError };

/** Given once to the solve worker: the validated job, and its stop flag (see newStopFlag). */
export interface SolveWorkerData {
  job: SolveJob;
  stop: SharedArrayBuffer;
}

/** The solve worker's one message. */
export type SolveReply = { ok: true; report: SolveReport } | { ok: false; error: WireError };

/** A stop flag another thread reads (a solve with its limits, a training run once per batch): one Int32 on shared memory, 1 = stop. */
export const newStopFlag = (): Int32Array =>
  new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
export const raiseStop = (flag: Int32Array): void => void Atomics.store(flag, 0, 1);
export const stopRaised = (flag: Int32Array): boolean => Atomics.load(flag, 0) === 1;

/**
 * Whether a search must stop (the first Ctrl-C), as each part of it reads it. `requested` is
 * read by the pipeline between batches. `shared`, when present, is raised with it for the
 * training workers, whose runs in flight stop at their next batch (and are queued again); absent,
 * the runs in flight finish. `signal`, when present, aborts the reading of the data file.
 */
export interface StopSignal {
  readonly requested: boolean;
  readonly shared?: Int32Array;
  readonly signal?: AbortSignal;
}

/** The stop signal of a command: raised once, by the first Ctrl-C, heard by every thread. */
export class StopFlag implements StopSignal {
  readonly shared = newStopFlag();
  private readonly controller = new AbortController();

  get requested(): boolean {
    return stopRaised(this.shared);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  raise(): void {
    raiseStop(this.shared);
    this.controller.abort();
  }
}
