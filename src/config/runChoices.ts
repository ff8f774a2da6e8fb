import { availableParallelism } from 'node:os';
import type { BackendName } from '../proxy/types.js';
import { flagOrFile, nonNegativeInt, oneOf, positiveInt } from './parse.js';
import { parseRedisAddress, type RedisAddress } from './redisAddress.js';

export const backendNames: readonly BackendName[] = ['auto', 'node', 'wasm', 'cpu'];

/**
 * How this machine runs a search: taken afresh by every `search` and `resume`, never stored, so
 * a search started on one machine can be resumed on another with its own cores. None of it
 * changes the result.
 */
export interface RunChoices {
  /** Training worker threads (with `redis`, threads of this process serving the queue; 0: none). */
  workers: number;
  backend: BackendName;
  /** The run queue shared with `taskgroup worker` processes (`--redis`); absent: this machine alone. */
  redis?: RedisAddress;
}

/** The flags that set them, as commander hands them over. */
export interface RunFlags {
  workers?: string;
  backend?: string;
  redis?: string;
}

export const defaultWorkers = (): number => Math.max(1, availableParallelism());

export const runDefaults = Object.freeze({ backend: 'auto' as BackendName });

/** Flags over the config file (`search --config`) over the defaults, each validated here. */
export function resolveRunChoices(flags: RunFlags, file: Record<string, unknown> = {}): RunChoices {
  // With a queue, remote workers can do all the training: this process may keep no thread.
  const redis = flags.redis === undefined ? undefined : parseRedisAddress('--redis', flags.redis);
  return {
    workers: flagOrFile(flags.workers, file.workers, 'workers', redis ? nonNegativeInt : positiveInt, defaultWorkers()),
    backend: flagOrFile(flags.backend, file.backend, 'backend', (f, v) => oneOf(f, v, backendNames), runDefaults.backend),
    ...(redis && { redis }),
  };
}
