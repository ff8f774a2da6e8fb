/**
 * The kernels' API, the same for both builds of kernels.c (the WebAssembly module and the native
 * addon): functions taking byte offsets into one memory, and a bump allocator over that memory.
 */
export interface KernelExports {
  mm(
    A: number,
    sai: number,
    sak: number,
    B: number,
    ldb: number,
    C: number,
    ldc: number,
    M: number,
    K: number,
    N: number,
    acc: number,
  ): void;
  matvec(A: number, lda: number, x: number, y: number, incy: number, M: number, K: number): void;
  head_bwd(
    H: number,
    ldh: number,
    hs: number,
    dl: number,
    ldl: number,
    w: number,
    dw: number,
    dH: number,
    T: number,
    K: number,
    M: number,
  ): void;
  bias_act(Z: number, ldz: number, bias: number, M: number, N: number, relu: number): void;
  relu_bwd(D: number, ldd: number, H: number, ldh: number, M: number, N: number, db: number): void;
  transpose(src: number, lds: number, dst: number, rows: number, cols: number): void;
  gather_rows(
    dst: number,
    ldd: number,
    src: number,
    lds: number,
    idx: number,
    n: number,
    d: number,
  ): void;
  scatter_rows(
    g: number,
    src: number,
    lds: number,
    slot: number,
    n: number,
    u: number,
    d: number,
  ): void;
  softmax_groups(Z: number, ldz: number, M: number, G: number, E: number): void;
  mixture(
    mix: number,
    ldm: number,
    g: number,
    ldg: number,
    ex: number,
    lde: number,
    M: number,
    T: number,
    E: number,
    H: number,
  ): void;
  mixture_bwd(
    dmix: number,
    ldm: number,
    g: number,
    ldg: number,
    ex: number,
    lde: number,
    dex: number,
    dz: number,
    db: number,
    M: number,
    T: number,
    E: number,
    H: number,
  ): void;
  adam(
    w: number,
    g: number,
    m: number,
    v: number,
    n: number,
    lrHat: number,
    b1: number,
    b2: number,
    invSqrtBc2: number,
    eps: number,
  ): void;
  adam_rows(
    w: number,
    g: number,
    m: number,
    v: number,
    rows: number,
    u: number,
    d: number,
    lrHat: number,
    b1: number,
    b2: number,
    invSqrtBc2: number,
    eps: number,
  ): void;
}

/** The kernels' memory, as WebAssembly.Memory has it: growing detaches the old buffer. */
export interface KernelMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): unknown;
}

/** Which build runs a thread's kernels; `name` is what a run's result records as its backend. */
export interface KernelBuild {
  name: 'wasm-kernels' | 'native-kernels';
  /** The vector instructions: 'wasm-simd128', or the native build's 'avx512', 'avx2', 'sse2'. */
  isa: string;
  /** Floats per vector of the matrix product. */
  lanes: number;
}

export const PAGE = 65536;
/** Allocations start on 64-byte boundaries: a cache line, and one AVX-512 vector. */
const ALIGN = 64;

/**
 * A bump allocator over the kernels' memory. Allocate everything a call needs first, then
 * take views (`f32`, `i32`): growing the memory detaches earlier views.
 */
export class KernelArena {
  readonly k: KernelExports;
  readonly build: KernelBuild;
  private readonly memory: KernelMemory;
  private readonly base: number;
  private top: number;

  /** `base`: the first byte the arena may use (> 0: offset 0 stands for "none"). */
  constructor(k: KernelExports, memory: KernelMemory, base: number, build: KernelBuild) {
    this.k = k;
    this.memory = memory;
    this.build = build;
    this.base = Math.ceil(base / ALIGN) * ALIGN;
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

  /** Reserves `count` 4-byte elements, 64-byte aligned; returns the byte offset. */
  alloc(count: number): number {
    const ptr = this.top;
    this.top += Math.ceil((count * 4) / ALIGN) * ALIGN;
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
