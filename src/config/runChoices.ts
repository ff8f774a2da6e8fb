import { availableParallelism } from 'node:os';
import type { BackendName } from '../proxy/types.js';
import { flagOrFile, oneOf, positiveInt } from './parse.js';

export const backendNames: readonly BackendName[] = ['auto', 'node', 'wasm', 'cpu'];

/**
 * How this machine runs a search: taken afresh by every `search` and `resume`, never stored, so
 * a search started on one machine can be resumed on another with its own cores. None of it
 * changes the result.
 */
export interface RunChoices {
  /** Training worker threads. */
  workers: number;
  backend: BackendName;
}

/** The flags that set them, as commander hands them over. */
export interface RunFlags {
  workers?: string;
  backend?: string;
}

export const defaultWorkers = (): number => Math.max(1, availableParallelism());

export const runDefaults = Object.freeze({ backend: 'auto' as BackendName });

/** Flags over the config file (`search --config`) over the defaults, each validated here. */
export function resolveRunChoices(flags: RunFlags, file: Record<string, unknown> = {}): RunChoices {
  return {
    workers: flagOrFile(flags.workers, file.workers, 'workers', positiveInt, defaultWorkers()),
    backend: flagOrFile(flags.backend, file.backend, 'backend', (f, v) => oneOf(f, v, backendNames), runDefaults.backend),
  };
}
