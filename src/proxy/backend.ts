import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { InternalError, UsageError } from '../errors.js';
import { kernelArena } from './kernels/kernelModule.js';
import type { BackendName } from './types.js';

/**
 * Chooses and initialises the TensorFlow.js backend of this thread.
 *
 * - `auto`: tfjs-node when it loads (an optional dependency that cannot install everywhere),
 *   else wasm.
 * - `node`: tfjs-node or a UsageError naming --backend.
 * - `wasm`: tfjs-backend-wasm, and our own training kernels (kernels/), which do the training.
 * - `cpu`: the pure-JS backend, about 30× slower than wasm: only when asked.
 *
 * tfjs reports a backend that failed to initialise by `setBackend` resolving to false (e.g. its
 * .wasm file not found), not by throwing: that is checked here and thrown. Returns the name of
 * the active backend ('tensorflow', 'wasm' or 'cpu').
 */
export async function initBackend(name: BackendName): Promise<string> {
  switch (name) {
    case 'auto':
      return (await loadNode()) ? activate('tensorflow') : activateWasm();
    case 'node':
      if (!(await loadNode())) {
        throw new UsageError('--backend node: @tensorflow/tfjs-node is not installed or does not ' +
          'load on this machine (use --backend auto or wasm)', 'E_BACKEND');
      }
      return activate('tensorflow');
    case 'wasm':
      return activateWasm();
    case 'cpu':
      return activate('cpu');
    default:
      throw new UsageError(`--backend must be one of auto, node, wasm, cpu (got "${String(name)}")`,
        'E_BACKEND');
  }
}

/** True when @tensorflow/tfjs-node loaded (it registers the 'tensorflow' backend). */
async function loadNode(): Promise<boolean> {
  const specifier = '@tensorflow/tfjs-node'; // a variable: it is optional, not a typed dependency
  try {
    await import(specifier);
    return tf.findBackendFactory('tensorflow') != null;
  } catch {
    // Not installed or its native binding failed to load: the caller decides what that means.
    return false;
  }
}

async function activateWasm(): Promise<string> {
  kernelArena(); // throws an InternalError if our kernels cannot be instantiated
  return activate('wasm');
}

async function activate(backend: string): Promise<string> {
  const ok = await tf.setBackend(backend);
  if (!ok || tf.getBackend() !== backend) {
    throw new InternalError(`the TensorFlow.js backend "${backend}" failed to initialise`, 'E_BACKEND');
  }
  await tf.ready();
  active = backend;
  return backend;
}

/** The backend initBackend last activated in this thread, if any. */
export function activeBackend(): string | undefined {
  return active;
}

let active: string | undefined;
