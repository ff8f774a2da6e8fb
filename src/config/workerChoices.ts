import { UsageError } from '../errors.js';
import type { BackendName } from '../proxy/trainers/names.js';
import { oneOf } from './parse.js';
import { parseRedisAddress, type RedisAddress } from './redisAddress.js';
import { backendNames, defaultWorkers, runDefaults, workerCount } from './runChoices.js';

/** How a `taskgroup worker` process serves the run queue. */
export interface WorkerChoices {
  redis: RedisAddress;
  /** Runs trained at once (threads). */
  concurrency: number;
  backend: BackendName;
}

export interface WorkerFlags {
  redis?: string;
  concurrency?: string;
  backend?: string;
  /** `--force`: more threads than cores, as for `search --workers`. */
  force?: boolean;
}

/** The worker's flags, each validated here; `--redis` is required. */
export function resolveWorkerChoices(flags: WorkerFlags): WorkerChoices {
  if (flags.redis === undefined)
    throw new UsageError(
      '--redis is required: the URL of the Redis server the coordinator uses, e.g. redis://host:6379',
    );
  return {
    redis: parseRedisAddress('--redis', flags.redis),
    concurrency:
      flags.concurrency === undefined
        ? defaultWorkers()
        : workerCount('--concurrency', flags.concurrency, flags.force === true),
    backend:
      flags.backend === undefined
        ? runDefaults.backend
        : oneOf('--backend', flags.backend, backendNames),
  };
}
