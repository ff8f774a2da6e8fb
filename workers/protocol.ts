/**
 * Messages between the main thread and the workers: the pipeline and the training worker
 * (workers/train.mjs), `taskgroup solve` and the solve worker (workers/solve.mjs). Plain data
 * only: the dataset's arrays and the solve's stop flag are SharedArrayBuffer-backed and cross
 * once, in workerData.
 */
import type { SolveJob, SolveReport } from '../src/cli/solve.js';
import type { EncodedDataset } from '../src/data/types.js';
import type { ErrorCode } from '../src/errors.js';
import type { BackendName, RunResult, RunSpec } from '../src/proxy/types.js';

/** Given once per worker as piscina's `workerData`. */
export interface TrainWorkerData {
  dataset: EncodedDataset;
  backend: BackendName;
}

/** One task: the runs to train (runs of one seed are trained together in one pass). */
export interface TrainRequest {
  specs: RunSpec[];
}

export interface TrainFailure {
  code: ErrorCode;
  message: string;
}

export type TrainReply =
  | { ok: true; results: RunResult[] }
  | { ok: false; error: TrainFailure };

/** Given once to the solve worker: the validated job, and a one-Int32 stop flag (1: stop). */
export interface SolveWorkerData {
  job: SolveJob;
  stop: SharedArrayBuffer;
}

/** A TaskgroupError thrown by the solve, with what the CLI needs to report it as it would here. */
export interface SolveFailure extends TrainFailure {
  exitCode: number;
}

/** The solve worker's one message. */
export type SolveReply =
  | { ok: true; report: SolveReport }
  | { ok: false; error: SolveFailure };
