import { createRequire } from 'node:module';
import type { BackendName } from '../proxy/types.js';
import { toolVersion } from '../version.js';

/**
 * What a run's losses depend on besides its key: the tool's version and the trainer that
 * computes them. Two processes with the same identity give bitwise the same losses for the
 * same run; a worker takes only jobs of its own identity (each identity has its own queue, and
 * a job that reaches the wrong one is refused). The native and WebAssembly builds of the
 * training kernels give bitwise equal results, so they are one trainer: `kernels-v1`. The plain
 * TensorFlow.js trainer is another on each backend. When the trainer registry exists, this is
 * the one place that asks it.
 */
export interface TrainerIdentity {
  version: string;
  trainer: string;
}

const trainerOfActiveBackend: Readonly<Record<string, string>> = Object.freeze({
  'wasm-kernels': 'kernels-v1',
  'native-kernels': 'kernels-v1',
  tensorflow: 'tfjs-node',
  cpu: 'tfjs-cpu',
});

/** The trainer a `--backend` choice trains with on this machine (`auto`: tfjs-node where installed). */
export function identityOf(backend: BackendName): TrainerIdentity {
  const chosen = backend === 'auto' ? (tfjsNodeInstalled() ? 'node' : 'wasm') : backend;
  const trainer = { wasm: 'kernels-v1', node: 'tfjs-node', cpu: 'tfjs-cpu' }[chosen];
  return { version: toolVersion, trainer };
}

/** The trainer a result's `backend` (what actually trained it) stands for; undefined if unknown. */
export const trainerOfResult = (backend: string): string | undefined => trainerOfActiveBackend[backend];

export const sameIdentity = (a: TrainerIdentity, b: TrainerIdentity): boolean => a.version === b.version && a.trainer === b.trainer;

export const showIdentity = (id: TrainerIdentity): string => `taskgroup ${id.version}, trainer ${id.trainer}`;

/** The BullMQ queue of one identity (queue names may not hold ':'). */
export const queueNameOf = (id: TrainerIdentity): string => `runs-${id.version}-${id.trainer}`;

function tfjsNodeInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false; // not installed: auto means wasm, as in proxy/backend.ts
  }
}
