import * as v from 'valibot';
import { UsageError } from '../errors.js';
import type { BackendName } from '../proxy/trainers/names.js';
import { blamed, choice, parseOptions, rule } from './optionSchema.js';
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

/** `worker`'s flags, as a schema like every command's (optionSchema.ts). */
const workerFlagsSchema = v.object({
  redis: v.optional(rule<string, RedisAddress>('--redis', parseRedisAddress)),
  /** Checked against --force. */
  concurrency: v.optional(blamed<number>('--concurrency')),
  backend: v.optional(choice('--backend', backendNames)),
});

/** The worker's flags, each validated here; `--redis` is required. */
export function resolveWorkerChoices(flags: WorkerFlags): WorkerChoices {
  const {
    redis,
    concurrency,
    backend = runDefaults.backend,
  } = parseOptions(workerFlagsSchema, flags);
  if (redis === undefined)
    throw new UsageError(
      '--redis is required: the URL of the Redis server the coordinator uses, e.g. redis://host:6379',
    );
  return {
    redis,
    concurrency:
      concurrency === undefined
        ? defaultWorkers()
        : workerCount(concurrency.field, concurrency.value, flags.force === true),
    backend,
  };
}
