import { availableParallelism } from 'node:os';
import { backendNames, mainBackendNames, type BackendName } from '../proxy/trainers/index.js';
import { flagOrFile, oneOf, positiveInt } from './parse.js';

export { backendNames };

/**
 * How this machine runs a search: taken afresh by every `search` and `resume`, never stored, so
 * a search started on one machine can be resumed on another with its own cores. The backend
 * picks a trainer; what of it changes the numbers, its numeric identity, is stored with the
 * search (studyRecord.ts), and a resume trains with a trainer of the same identity.
 */
export interface RunChoices {
  /** Training worker threads. */
  workers: number;
  /** What --backend named: resolved to a trainer by the pipeline (proxy/trainers). */
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
    backend: flagOrFile(flags.backend, file.backend, 'backend', backendOf, runDefaults.backend),
  };
}

/** A name `--backend` accepts; a bad one is told the main names (auto, node, wasm, cpu). */
function backendOf(field: string, value: unknown): BackendName {
  return typeof value === 'string' && backendNames.includes(value) ? value : oneOf(field, value, mainBackendNames);
}
