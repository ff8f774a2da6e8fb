/*
 * What kernels.c needs from each target: the vector types, unaligned loads and stores, a vector
 * square root, and the tile size of its matrix product. Everything else is plain C with GCC/clang
 * vector extensions, identical on every target.
 *
 * LANES is the width of `vf`: 4 on WebAssembly and the SSE2 baseline, 8 with AVX2, 16 with
 * AVX-512 (native/binding.gyp sets it). `v4` is always 4 lanes (matvec sums k in 4 lanes on
 * every build, so that its order does not depend on the width).
 */
#ifndef KERNEL_VECTORS_H
#define KERNEL_VECTORS_H

#ifndef LANES
#define LANES 4
#endif

typedef float f32;
typedef f32 vf __attribute__((vector_size(4 * LANES)));
typedef int vm __attribute__((vector_size(4 * LANES))); /* comparison masks of vf */
typedef f32 v4 __attribute__((vector_size(16)));

static inline vf vload(const f32 *p) { vf v; __builtin_memcpy(&v, p, sizeof v); return v; }
static inline void vstore(f32 *p, vf v) { __builtin_memcpy(p, &v, sizeof v); }
static inline v4 v4load(const f32 *p) { v4 v; __builtin_memcpy(&v, p, sizeof v); return v; }
static inline void v4store(f32 *p, v4 v) { __builtin_memcpy(p, &v, sizeof v); }

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
static inline vf vsqrt(vf x) { return (vf)wasm_f32x4_sqrt((v128_t)x); }
#else
#include <immintrin.h>
#if LANES == 16
static inline vf vsqrt(vf x) { return (vf)_mm512_sqrt_ps((__m512)x); }
#elif LANES == 8
static inline vf vsqrt(vf x) { return (vf)_mm256_sqrt_ps((__m256)x); }
#else
static inline vf vsqrt(vf x) { return (vf)_mm_sqrt_ps((__m128)x); }
#endif
#endif

/* The product's tile: TILE_ROWS rows x TILE_VECTORS vectors, the fastest measured of those whose
 * sums fit the register file (README, "Kernel speed"): 2x16 columns in wasm (8 sums of the 16
 * registers V8 has on x64; also the best with SSE2), 3x32 with AVX2 (12 of 16: 1.07x 4x16),
 * 8x32 with AVX-512 (16 of 32: 12x32, 6x32 and 4x64 are slower). */
#ifndef TILE_ROWS
#if LANES == 4
#define TILE_ROWS 2
#define TILE_VECTORS 4
#elif LANES == 8
#define TILE_ROWS 3
#define TILE_VECTORS 4
#else
#define TILE_ROWS 8
#define TILE_VECTORS 2
#endif
#endif

#ifdef KERNEL_TABLE
#define EXPORT static
#include "native/kernelTable.h"
#else
#define EXPORT __attribute__((visibility("default")))
#endif

#endif
