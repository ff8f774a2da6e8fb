import type { EncodedDataset } from '../data/types.js';
import { TaskgroupError, type ErrorCode } from '../errors.js';
import type { RunResult, RunSpec } from '../proxy/types.js';

/**
 * Trains batches of runs: the worker pool (pool.ts) or the Redis queue (src/queue, chosen in
 * trainerChoice.ts), a fake in tests. After a stop request a trainer may leave out of its
 * results runs it never started (the queue takes its waiting runs back out): they stay claimed,
 * and execute.ts releases its claims when stopped.
 */
export interface Trainer {
  /**
   * Trains `specs` on the search's data. `dataset` loads it on first call (once per search):
   * a trainer that needs no rows never calls it, and a search whose runs are all stored never
   * parses its CSV.
   */
  train(specs: RunSpec[], dataset: () => Promise<EncodedDataset>): Promise<RunResult[]>;
  /** Starts what training will need (the pool's threads) ahead of the first batch. */
  start?(): void;
  close(): Promise<void>;
}

/** Errors no retry can fix (bad settings, bad data, no backend): the whole search stops with them. */
const fatalCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'E_BACKEND',
  'E_USAGE',
  'E_DATA',
  'E_OUTAGE',
]);

export const isFatal = (error: unknown): boolean =>
  error instanceof TaskgroupError && fatalCodes.has(error.code);

/** A service out of reach for too long (Redis): the search stops interrupted, and resumes once it is back. */
export const isOutage = (error: unknown): boolean =>
  error instanceof TaskgroupError && error.code === 'E_OUTAGE';
