import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KernelArena } from '../../src/proxy/kernels/kernelArena.js';
import { Prng } from '../../src/proxy/prng.js';
import { kernelBuilds } from './helpers.js';

/** Sequential float32 reference: each C element sums k = 0..K−1 in order, from 0. */
function reference(
  a: (i: number, k: number) => number,
  B: Float32Array,
  ldb: number,
  M: number,
  K: number,
  N: number,
): Float32Array {
  const C = new Float32Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s = Math.fround(s + Math.fround(a(i, k) * B[k * ldb + j]));
      C[i * N + j] = s;
    }
  }
  return C;
}

function random(n: number, prng: Prng): Float32Array {
  return Float32Array.from({ length: n }, () => prng.next() - 0.5);
}

// Between them, for every build (tiles of 2, 3 or 8 rows, of 16 or 32 columns): whole tiles and
// leftover rows; tiles, one-vector strips, 4-column strips and single columns (45 = 32 + 12 + 1,
// 57 = 32 + 16 + 8 + 1, 69 = 64 + 4 + 1, 100 = 96 + 4); K in one pass and in blocks of 64
// (K > 256).
const shapes = [
  [5, 3, 7],
  [9, 300, 13],
  [4, 1024, 8],
  [1, 517, 3],
  [6, 1, 10],
  [13, 64, 33],
  [7, 300, 45],
  [17, 300, 69],
  [16, 40, 100],
  [11, 70, 57],
];

for (const build of kernelBuilds()) {
  const arena = build.open();
  for (const [M, K, N] of shapes) {
    test(`${build.name}: mm sums every element in k order whatever the tiling and K blocks (${M}×${K}×${N})`, () => {
      productInOrder(arena, M, K, N);
    });
  }
  test(`${build.name}: adam takes the textbook step on every element`, () => adamStep(arena));
}

function productInOrder(arena: KernelArena, M: number, K: number, N: number): void {
  const prng = new Prng(M * 1000 + K);
  arena.reset();
  const Ahost = random(M * K, prng);
  const Bhost = random(K * N, prng);
  const A = arena.allocFrom(Ahost);
  const At = arena.allocFrom(
    Float32Array.from({ length: K * M }, (_, x) => Ahost[(x % M) * K + Math.floor(x / M)]),
  );
  const B = arena.allocFrom(Bhost);
  const C = arena.alloc(M * N);
  const expected = reference((i, k) => Ahost[i * K + k], Bhost, N, M, K, N);
  arena.k.mm(A, K, 1, B, N, C, N, M, K, N, 0);
  assert.deepEqual(arena.f32(C, M * N), expected, 'A·B');
  arena.k.mm(At, 1, M, B, N, C, N, M, K, N, 0);
  assert.deepEqual(arena.f32(C, M * N), expected, 'A read transposed');
  const before = Float32Array.from(arena.f32(C, M * N));
  arena.k.mm(A, K, 1, B, N, C, N, M, K, N, 1);
  assert.deepEqual(
    arena.f32(C, M * N),
    before.map((c, x) => Math.fround(c + expected[x])),
    'accumulate',
  );
}

function adamStep(arena: KernelArena): void {
  arena.reset();
  const n = 7;
  const w = arena.allocFrom(Float32Array.from({ length: n }, (_, i) => i * 0.1));
  const g = arena.allocFrom(Float32Array.from({ length: n }, (_, i) => 0.5 - i * 0.2));
  const m = arena.allocFrom(new Float32Array(n));
  const v = arena.allocFrom(new Float32Array(n));
  arena.k.adam(w, g, m, v, n, 0.01 / (1 - 0.9), 0.9, 0.999, 1 / Math.sqrt(1 - 0.999), 1e-7);
  const out = arena.f32(w, n);
  for (let i = 0; i < n; i++) {
    const grad = 0.5 - i * 0.2;
    const expected = i * 0.1 - 0.01 * Math.sign(grad); // first step: lr · g/|g|
    assert.ok(Math.abs(out[i] - expected) < 1e-5, `element ${i}: ${out[i]} vs ${expected}`);
  }
}
