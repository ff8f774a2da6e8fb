import { createRequire } from 'node:module';
import { UsageError } from '../errors.js';
import type { BackendName } from '../proxy/types.js';

/**
 * `--backend node` needs the optional @tensorflow/tfjs-node package. Checked in the main thread
 * before anything is written, so a missing package is a usage error, not a failed search; each
 * worker still asserts the backend it actually initialised.
 */
export function assertBackendInstalled(backend: BackendName): void {
  if (backend !== 'node') return;
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
  } catch {
    throw new UsageError('--backend node: @tensorflow/tfjs-node is not installed on this machine (use --backend auto or wasm)', 'E_BACKEND');
  }
}
