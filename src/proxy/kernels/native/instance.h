/* One open instance of the native kernels (addon.c) and what its calls (calls.c) share. */
#ifndef INSTANCE_H
#define INSTANCE_H

#include <immintrin.h>
#include <stdint.h>
#define NAPI_VERSION 8
#include <node_api.h>
#include "kernelTable.h"

/* The mapping behind one ArrayBuffer of the memory; `addr` is NULL once grow() moved it on. */
typedef struct {
  void *addr;
  size_t size;
} Block;

typedef struct {
  const KernelTable *k;
  char *base;      /* the memory: an external ArrayBuffer over its own mapping (page-aligned) */
  int64_t size;
  napi_ref buffer; /* keeps that ArrayBuffer alive until the memory grows */
  Block *block;    /* its mapping */
} Instance;

/* Reads a call's arguments: `ints` as int32 (ToInt32, like wasm's i32 parameters), each of them
 * required to be >= 0 (offsets, sizes, strides, flags), then `floats` as float (rounded to
 * nearest, like wasm's f32 parameters). NULL, with a JavaScript exception pending, if wrong. */
Instance *call_args(napi_env env, napi_callback_info info, int ints, int floats, int32_t *iv,
                    float *fv);

/* The kernels' properties of an instance (13 of them), for napi_define_properties. */
#define N_CALLS 13
void call_properties(Instance *in, napi_property_descriptor *props);

/* Elements from the first to the last that a (rows x cols) access with strides rs, cs touches. */
static inline int64_t span(int64_t rows, int64_t rs, int64_t cols, int64_t cs) {
  return rows > 0 && cols > 0 ? (rows - 1) * rs + (cols - 1) * cs + 1 : 0;
}

/* The pointer for byte offset `off`; clears *ok unless `elems` floats from there are inside. */
static inline void *at(Instance *in, int32_t off, int64_t elems, int *ok) {
  if ((int64_t)off + 4 * elems > in->size) *ok = 0;
  return in->base + off;
}

/* MXCSR: flush-to-zero (bit 15), rounding control (bits 13-14), denormals-are-zero (bit 6).
 * WebAssembly computes with none of them set; so does every kernel call, whatever the thread's
 * MXCSR was (a library in the same thread may have set them). */
#define MXCSR_NOT_IEEE 0xE040u

static inline unsigned ieee_begin(void) {
  unsigned csr = _mm_getcsr();
  if (csr & MXCSR_NOT_IEEE) _mm_setcsr(csr & ~MXCSR_NOT_IEEE);
  return csr;
}

static inline void ieee_end(unsigned csr) {
  if (csr & MXCSR_NOT_IEEE) _mm_setcsr(csr);
}

#endif
