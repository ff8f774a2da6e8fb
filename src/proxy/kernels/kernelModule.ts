import { readFileSync } from 'node:fs';
import { InternalError } from '../../errors.js';

/**
 * Our WebAssembly training kernels (kernels.c, built by build.sh; the .wasm is committed so
 * installing needs no compiler) and the memory they work in. One instance per thread, reused
 * by every run of that thread. Pointers are byte offsets into `memory`.
 */
export interface KernelExports {
  mm(A: number, sai: number, sak: number, B: number, ldb: number, C: number, ldc: number,
    M: number, K: number, N: number, acc: number): void;
  matvec(A: number, lda: number, x: number, y: number, incy: number, M: number, K: number): void;
  head_bwd(H: number, ldh: number, hs: number, dl: number, ldl: number, w: number, dw: number,
    dH: number, T: number, K: number, M: number): void;
  bias_act(Z: number, ldz: number, bias: number, M: number, N: number, relu: number): void;
  relu_bwd(D: number, ldd: number, H: number, ldh: number, M: number, N: number, db: number): void;
  transpose(src: number, lds: number, dst: number, rows: number, cols: number): void;
  gather_rows(dst: number, src: number, idx: number, n: number, d: number): void;
  adam(w: number, g: number, m: number, v: number, n: number, lrHat: number, b1: number,
    b2: number, invSqrtBc2: number, eps: number): void;
}

const PAGE = 65536;
const WASM_FILE = new URL('./kernels.wasm', import.meta.url);

/**
 * A bump allocator over the kernels' memory. Allocate everything a call needs first, then
 * take views (`f32`, `i32`): growing the memory detaches earlier views.
 */
export class KernelArena {
  readonly k: KernelExports;
  private readonly memory: WebAssembly.Memory;
  private readonly base: number;
  private top: number;

  constructor(k: KernelExports, memory: WebAssembly.Memory, base: number) {
    this.k = k;
    this.memory = memory;
    this.base = (base + 15) & ~15;
    this.top = this.base;
  }

  /** Frees everything allocated so far. */
  reset(): void {
    this.top = this.base;
  }

  /** Where the next allocation goes: `rewind(mark())` later frees what came after. */
  mark(): number {
    return this.top;
  }

  /** Frees everything allocated after `mark` (a value `mark()` returned). */
  rewind(mark: number): void {
    this.top = mark;
  }

  /** Reserves `count` 4-byte elements, 16-byte aligned (SIMD loads); returns the byte offset. */
  alloc(count: number): number {
    const ptr = this.top;
    this.top += (count * 4 + 15) & ~15;
    const needed = this.top - this.memory.buffer.byteLength;
    if (needed > 0) this.memory.grow(Math.ceil(needed / PAGE));
    return ptr;
  }

  /** Allocates and fills from `values`. */
  allocFrom(values: Float32Array): number {
    const ptr = this.alloc(values.length);
    this.f32(ptr, values.length).set(values);
    return ptr;
  }

  f32(ptr: number, count: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, count);
  }

  i32(ptr: number, count: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, count);
  }
}

let arena: KernelArena | undefined;

/** This thread's kernel arena, instantiating the module on first use. */
export function kernelArena(): KernelArena {
  if (arena) return arena;
  let instance: WebAssembly.Instance;
  const memory = new WebAssembly.Memory({ initial: 16 });
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(WASM_FILE)), {
      env: { memory },
    });
  } catch (err) {
    throw new InternalError(`cannot load the training kernels (${WASM_FILE.pathname}): ` +
      `${(err as Error).message}`, 'E_BACKEND');
  }
  const heapBase = (instance.exports.__heap_base as WebAssembly.Global).value as number;
  arena = new KernelArena(instance.exports as unknown as KernelExports, memory, heapBase);
  return arena;
}
