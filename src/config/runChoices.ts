import { availableParallelism } from 'node:os';
import * as v from 'valibot';
import { UsageError } from '../errors.js';
import { backendNames, type BackendName } from '../proxy/trainers/names.js';
import {
  configKey,
  flagName,
  knownKeys,
  parseOptions,
  type Blamed,
  type Namer,
} from './optionSchema.js';
import { nonNegativeInt, positiveInt } from './parse.js';
import { parseRedisAddress, type RedisAddress } from './redisAddress.js';
import { databaseFlag, studyEntries } from './searchOptions.js';

export { backendNames };

/**
 * How this machine runs a search: taken afresh by every `search` and `resume`, never stored, so
 * a search started on one machine can be resumed on another with its own cores. The backend
 * picks a trainer; what of it changes the numbers, its numeric identity, is stored with the
 * search (studyRecord.ts), and a resume trains with a trainer of the same identity.
 */
export interface RunChoices {
  /** Training worker threads (with `redis`, threads of this process serving the queue; 0: none). */
  workers: number;
  /** What --backend named: resolved to a trainer by the pipeline (proxy/trainers). */
  backend: BackendName;
  /** The run queue shared with `taskgroup worker` processes (`--redis`); absent: this machine alone. */
  redis?: RedisAddress;
}

/** The flags that set them, as commander hands them over. */
export interface RunFlags {
  db?: string;
  workers?: string;
  backend?: string;
  redis?: string;
  /** `--force`: allow more workers than cores, up to forcedWorkerLimit. */
  force?: boolean;
}

export const defaultWorkers = (): number => Math.max(1, availableParallelism());

/**
 * The most workers `--force` allows on any machine. Each worker is a thread of its own, about
 * 75 MB with TensorFlow.js loaded, training one run at a time: past the cores more workers only
 * take turns and add memory (1000 of them took 16.7 GB and died out of memory).
 */
export const forcedWorkerLimit = 64;

export const runDefaults = Object.freeze({ backend: 'auto' as BackendName });

/** What --help says of --workers: the default and the limits. */
export const workersHelp = (): string =>
  `training worker threads, at most this machine's parallelism (${defaultWorkers()}) unless --force (default: all of them)`;

/** A worker count: at most the machine's parallelism, or forcedWorkerLimit with --force; 0 only when `noneAllowed`. */
export function workerCount(
  field: string,
  value: unknown,
  force: boolean,
  noneAllowed = false,
): number {
  const n = noneAllowed ? nonNegativeInt(field, value) : positiveInt(field, value);
  const cores = defaultWorkers();
  if (!force && n > cores) {
    throw new UsageError(
      `${field} must be at most ${cores}, this machine's parallelism (got ${JSON.stringify(value)}); --force allows up to ${forcedWorkerLimit}`,
    );
  }
  if (n > forcedWorkerLimit)
    throw new UsageError(
      `${field} must be at most ${forcedWorkerLimit}, even with --force (got ${JSON.stringify(value)})`,
    );
  return n;
}

/** The run choices of a search's options (searchOptions.ts): workers checked against --force and --redis. */
export function runChoicesOf(
  options: { workers?: Blamed; backend?: BackendName },
  force: boolean,
  redisUrl?: string,
): RunChoices {
  // With a queue, remote workers can do all the training: this process may keep no thread.
  const redis = redisUrl === undefined ? undefined : parseRedisAddress('--redis', redisUrl);
  const { workers, backend = runDefaults.backend } = options;
  return {
    workers:
      workers === undefined
        ? defaultWorkers()
        : workerCount(workers.field, workers.value, force, redis !== undefined),
    backend,
    ...(redis && { redis }),
  };
}

/** `resume`'s flags, or the library's resume options (`config.workers`), over the defaults. */
export function resolveRunChoices(flags: RunFlags, options: unknown = {}): RunChoices {
  const fromFlags = parseOptions(v.object({ ...runEntries(flagName), db: databaseFlag }), flags);
  const given = parseOptions(knownKeys(runEntries(configKey), { where: 'config' }), options);
  return runChoicesOf(
    {
      workers: fromFlags.workers ?? given.workers,
      backend: fromFlags.backend ?? given.backend,
    },
    flags.force === true,
    flags.redis,
  );
}

/** The two run choices among the search options' entries. */
const runEntries = (name: Namer) => {
  const { workers, backend } = studyEntries(name);
  return { workers, backend };
};

/** The library's `resume()` options besides its hooks. */
export type RunChoicesInput = v.InferInput<
  v.ObjectSchema<ReturnType<typeof runEntries>, undefined>
>;
