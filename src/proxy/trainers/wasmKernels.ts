import { KERNELS_ENV, kernelChoice } from '../kernels/kernelModule.js';
import { openWasmKernels } from '../kernels/wasmKernels.js';
import { kernelTrainer } from './kernelTrainers.js';
import type { Availability } from './types.js';

/** The same kernels built to WebAssembly (committed): runs everywhere, bitwise the native numbers. */
function available(): Availability {
  return kernelChoice() === 'native'
    ? { ok: false, reason: `${KERNELS_ENV}=native asks for the native build` }
    : { ok: true };
}

export const wasmKernelsTrainer = kernelTrainer({
  name: 'wasm-kernels',
  description: 'our training kernels, WebAssembly build',
  available,
  open: () => openWasmKernels(),
});
