import type { KernelExports } from './kernelModule.js';

/**
 * The matrix products of the passes, named by what they compute, over kernels.c `mm` (row-major
 * float32 matrices at byte offsets, leading dimensions in elements). Each is one `mm` call: the
 * names only say which operand is read transposed, so a pass reads as its formulas.
 */

/** A row-major matrix in kernel memory: its byte offset and leading dimension. */
export interface Mat {
  at: number;
  ld: number;
}

export const mat = (at: number, ld: number): Mat => ({ at, ld });

/** C = A·B, A m × kk, B kk × n. */
export function mul(k: KernelExports, a: Mat, b: Mat, c: Mat, m: number, kk: number, n: number) {
  k.mm(a.at, a.ld, 1, b.at, b.ld, c.at, c.ld, m, kk, n, 0);
}

/** C = Aᵀ·B, A stored kk × m (a weight gradient: inputs transposed times output gradients). */
export function mulAT(k: KernelExports, a: Mat, b: Mat, c: Mat, m: number, kk: number, n: number) {
  k.mm(a.at, 1, a.ld, b.at, b.ld, c.at, c.ld, m, kk, n, 0);
}

/**
 * dX = dZ·Wᵀ for a dense layer with weights W (in × out, leading dimension ldw): W is transposed
 * into `wt` first (weights are small), so the product runs untransposed. `acc` 1: dX += dZ·Wᵀ
 * (the product complete first).
 */
export function mulWT(
  k: KernelExports,
  dz: Mat,
  w: Mat,
  wt: number,
  dx: Mat,
  m: number,
  shape: { in: number; out: number },
  acc = 0,
) {
  k.transpose(w.at, w.ld, wt, shape.in, shape.out);
  k.mm(dz.at, dz.ld, 1, wt, shape.in, dx.at, dx.ld, m, shape.out, shape.in, acc);
}
