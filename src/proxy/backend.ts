import * as tf from '@tensorflow/tfjs';
import { InternalError, UsageError } from '../errors.js';

/** The TensorFlow.js backends the plain tfjs trainers run on (trainers/tfjs*.ts). */
export type TfjsBackend = 'tensorflow' | 'wasm' | 'cpu';

/** The backends registered by a package of their own, not by @tensorflow/tfjs itself. */
const backendPackages: Readonly<Partial<Record<TfjsBackend, string>>> = Object.freeze({
  wasm: '@tensorflow/tfjs-backend-wasm',
});

/**
 * Activates a TensorFlow.js backend in this thread, for the plain tfjs trainers: 'tensorflow'
 * (tfjs-node, an optional dependency: a UsageError naming --backend node when it does not load),
 * 'wasm' or 'cpu'. Imported only by those trainers, on first use: nothing on the kernels' path
 * loads TensorFlow.js. A backend that is a package of its own (`backendPackages`) is imported
 * only when activated, so `--backend cpu` needs @tensorflow/tfjs alone.
 *
 * tfjs reports a backend that failed to initialise by `setBackend` resolving to false (e.g. its
 * .wasm file not found), not by throwing: that is checked here and thrown.
 */
export async function initBackend(backend: TfjsBackend): Promise<string> {
  if (active === backend) return backend;
  if (backend === 'tensorflow' && !(await loadNode())) {
    throw new UsageError(
      '--backend node: @tensorflow/tfjs-node is not installed or does not ' +
        'load on this machine (use --backend auto or wasm)',
      'E_BACKEND',
    );
  }
  const backendPackage = backendPackages[backend];
  if (backendPackage !== undefined) await import(backendPackage);
  return activate(backend);
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

async function activate(backend: TfjsBackend): Promise<string> {
  const ok = await tf.setBackend(backend);
  if (!ok || tf.getBackend() !== backend) {
    throw new InternalError(
      `the TensorFlow.js backend "${backend}" failed to initialise`,
      'E_BACKEND',
    );
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
