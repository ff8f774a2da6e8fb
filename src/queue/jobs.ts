import type { RunResult, RunSpec } from '../proxy/types.js';
import type { TrainerIdentity } from './identity.js';

/**
 * What crosses Redis: one job per proxy run, its id the run key (BullMQ adds no second job with
 * an id it holds, so a run is never queued twice), and its answer, kept as the job's return
 * value until the coordinator has stored it in SQLite. Plain JSON both ways, checked on arrival.
 */
export interface RunJob {
  spec: RunSpec;
  /** The dataset the run trains on, published under this fingerprint (datasetBlob.ts). */
  fingerprint: string;
  /** The identity the coordinator wants the run computed with. */
  identity: TrainerIdentity;
}

export interface RunAnswer {
  result: RunResult;
  /** The identity that computed it. */
  identity: TrainerIdentity;
  /** The worker that trained it (host:pid). */
  worker: string;
}

/** BullMQ's job name for a job of one proxy run. */
export const runJobName = 'proxy-run';
/** BullMQ's job name for a job of several runs (runBatches.ts), trained one after another. */
export const batchJobName = 'proxy-runs';

/**
 * Several runs in one job, when runs are short enough that the coordinator's work per job
 * would set the pace (runBatches.ts). Its id is `batchJobId` of its run keys; the map from each
 * run to its job is kept in Redis (`batchOfKey`), so a resumed coordinator finds the answers.
 */
export interface BatchJob {
  specs: RunSpec[];
  fingerprint: string;
  identity: TrainerIdentity;
}

/** One run's end in a batch: its result, or why it failed (the others are answered all the same). */
export type BatchEntry = RunResult | { key: string; error: string };

export interface BatchAnswer {
  /** One per spec, in the job's order. */
  entries: BatchEntry[];
  identity: TrainerIdentity;
  worker: string;
}

/** Why a batch job's data cannot be a BatchJob, or undefined when it can. */
export function batchJobProblem(data: unknown): string | undefined {
  if (!isObject(data) || !Array.isArray(data.specs) || data.specs.length === 0)
    return 'not a taskgroup batch of proxy runs';
  for (const spec of data.specs) {
    const problem = runJobProblem({ ...data, spec });
    if (problem) return problem;
  }
  return undefined;
}

/** The answers to a batch's runs, one RunAnswer-shaped value (or failure) per entry. */
export function batchAnswers(
  value: unknown,
): { key: string; answer?: unknown; error?: string }[] | undefined {
  if (!isObject(value) || !Array.isArray(value.entries)) return undefined;
  return value.entries.map((entry: unknown) => {
    const key = isObject(entry) && typeof entry.key === 'string' ? entry.key : '';
    if (isObject(entry) && typeof entry.error === 'string') return { key, error: entry.error };
    return { key, answer: { result: entry, identity: value.identity, worker: value.worker } };
  });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function identityProblem(value: unknown): string | undefined {
  if (!isObject(value) || typeof value.version !== 'string' || typeof value.trainer !== 'string')
    return 'no trainer identity';
  return undefined;
}

/** Why a job's data cannot be a RunJob, or undefined when it can (the spec itself is checked by the trainer). */
export function runJobProblem(data: unknown): string | undefined {
  if (!isObject(data) || !isObject(data.spec) || typeof data.spec.key !== 'string')
    return 'not a taskgroup proxy run';
  if (typeof data.fingerprint !== 'string' || !/^[0-9a-f]{16,}$/.test(data.fingerprint))
    return 'no dataset fingerprint';
  return identityProblem(data.identity);
}

/** One number (or null, as JSON carries NaN) per task of `spec`. */
const perTask = (values: unknown, spec: RunSpec): boolean =>
  Array.isArray(values) &&
  values.length === spec.tasks.length &&
  values.every((v) => v === null || typeof v === 'number');

/** n × n numbers (or nulls, as JSON carries NaN). */
const squareOf = (values: unknown, n: number): boolean =>
  Array.isArray(values) &&
  values.length === n * n &&
  values.every((v) => v === null || typeof v === 'number');

/** Why a job's return value cannot be the answer to `spec`, or undefined when it is. */
export function answerProblem(value: unknown, spec: RunSpec): string | undefined {
  if (!isObject(value) || !isObject(value.result)) return 'no result';
  const { result } = value;
  if (result.key !== spec.key) return `the result is for run ${String(result.key)}`;
  if (!perTask(result.losses, spec)) return `the result must have ${spec.tasks.length} losses`;
  // JSON carries a metric that is NaN (an AUC with one class) as null.
  if (result.metrics !== undefined && !perTask(result.metrics, spec))
    return `the result's metrics must be ${spec.tasks.length} numbers`;
  // A lookahead run is trained for its affinity: an answer without it would leave the pair
  // prior of a --method tag search short of what it asked for.
  if (spec.lookahead !== undefined && !squareOf(result.affinity, spec.tasks.length))
    return `the lookahead run's answer must have its ${spec.tasks.length}×${spec.tasks.length} affinity`;
  if (typeof result.backend !== 'string' || typeof result.trainMs !== 'number')
    return 'the result lacks its backend or time';
  if (typeof value.worker !== 'string') return 'the answer does not name its worker';
  return identityProblem(value.identity);
}
