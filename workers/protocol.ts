/**
 * Messages between the pipeline and the training worker (workers/train.mjs). Plain data only:
 * the dataset's arrays are SharedArrayBuffer-backed and cross once, in workerData.
 */
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
