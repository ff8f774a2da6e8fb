import { buildWish } from '../kernels/kernelModule.js';
import { openWasmKernels } from '../kernels/wasmKernels.js';
import { kernelTrainer } from './kernelTrainers.js';
import type { Availability } from './types.js';

/** The same kernels built to WebAssembly (committed): runs everywhere, bitwise the native numbers. */
function available(): Availability {
  const wish = buildWish('wasm');
  return wish.ok ? { ok: true } : wish;
}

export const wasmKernelsTrainer = kernelTrainer({
  name: 'wasm-kernels',
  description: 'our training kernels, WebAssembly build',
  available,
  open: () => openWasmKernels(),
});
