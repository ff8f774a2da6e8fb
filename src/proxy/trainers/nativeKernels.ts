import { UsageError } from '../../errors.js';
import { buildWish, KERNELS_ENV } from '../kernels/kernelModule.js';
import { nativeKernelsStatus, openNativeKernels } from '../kernels/nativeKernels.js';
import { kernelTrainer } from './kernelTrainers.js';
import type { Availability } from './types.js';

/**
 * The kernels compiled for this processor at install (AVX-512, AVX2 or SSE2, the widest it
 * runs): the fastest trainer. TASKGROUP_KERNELS=wasm sets it aside; TASKGROUP_KERNELS=native
 * demands it, so that its absence is an error rather than a slower search.
 */
function available(): Availability {
  const wish = buildWish('native');
  if (!wish.ok) return wish;
  const status = nativeKernelsStatus();
  if (status.available) return { ok: true };
  if (wish.demanded)
    throw new UsageError(
      `${KERNELS_ENV}=native: the native kernels are ${status.reason}`,
      'E_BACKEND',
    );
  return { ok: false, reason: `the native kernels are ${status.reason}` };
}

export const nativeKernelsTrainer = kernelTrainer({
  name: 'native-kernels',
  description: 'our training kernels, native build',
  available,
  open: () => openNativeKernels(),
});
