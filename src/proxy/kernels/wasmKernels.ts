import { readFileSync } from 'node:fs';
import { InternalError } from '../../errors.js';
import { packageFile } from '../../packageFiles.js';
import { KernelArena, type KernelExports } from './kernelArena.js';

/** kernels.c built to WebAssembly (build.sh); committed, so it needs no compiler to install. */
export const WASM_FILE = packageFile('src/proxy/kernels/kernels.wasm');

/** A new instance of a WebAssembly build of the kernels (by default the committed one). */
export function openWasmKernels(file: URL | string = WASM_FILE): KernelArena {
  const memory = new WebAssembly.Memory({ initial: 16 });
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), {
      env: { memory },
    });
  } catch (err) {
    throw new InternalError(
      `cannot load the training kernels (${String(file)}): ` + `${(err as Error).message}`,
      'E_BACKEND',
    );
  }
  const heapBase = (instance.exports.__heap_base as WebAssembly.Global).value as number;
  return new KernelArena(instance.exports as unknown as KernelExports, memory, heapBase, {
    name: 'wasm-kernels',
    isa: 'wasm-simd128',
    lanes: 4,
  });
}
