import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tfjsTrainer } from './tfjsTrainers.js';
import type { Availability } from './types.js';

/**
 * Plain tfjs on tfjs-node (libtensorflow): an optional dependency whose install script downloads
 * libtensorflow, so it is missing wherever that download cannot happen, and present without its
 * library where the script did not run (npm 12 runs it only once approved). Checked here by
 * finding the package and its compiled binding; whether that loads is known when a worker
 * prepares it (an E_BACKEND error naming --backend node).
 */
function available(): Availability {
  let root: string;
  try {
    root = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-node/package.json'));
  } catch {
    return { ok: false, reason: '@tensorflow/tfjs-node is not installed on this machine' };
  }
  const lib = join(root, 'lib');
  const built =
    existsSync(lib) &&
    readdirSync(lib).some((dir) => existsSync(join(lib, dir, 'tfjs_binding.node')));
  return built
    ? { ok: true }
    : {
        ok: false,
        reason:
          '@tensorflow/tfjs-node is installed without its native library (its install script did not run or could not download libtensorflow)',
      };
}

export const tfjsNodeTrainer = tfjsTrainer({
  name: 'tfjs-node',
  backend: 'tensorflow',
  description: 'plain TensorFlow.js on tfjs-node (libtensorflow)',
  computes: '@tensorflow/tfjs-node',
  available,
});
