/*
 * The native build of the training kernels as a Node-API addon, with the API of kernels.wasm
 * (byte offsets into one memory: `k.mm(A, sai, ...)`), so the TypeScript side runs on either.
 *
 * exports.isas      the builds this processor runs, widest first ("avx512", "avx2", "sse2")
 * exports.source    the hash of the kernel source it was built from (sourceHash.mjs)
 * exports.open(isa) a new instance: the kernels (calls.c), and its memory through grow(bytes),
 *                   which makes the memory larger, zero-filled past the old end, as a new
 *                   ArrayBuffer, and detaches the old one (as WebAssembly.Memory.grow does),
 *                   and buffer()
 *
 * Hand-written: it is the binding of the product's own kernels, and plain Node-API does the job.
 * Context-aware (NAPI_MODULE_INIT): every worker thread loads it and opens its own instances,
 * freed when that thread's environment ends.
 */
#define _GNU_SOURCE /* mremap */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "instance.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define MAX_ARGS 13

Instance *call_args(napi_env env, napi_callback_info info, int ints, int floats, int32_t *iv,
                    float *fv) {
  size_t argc = MAX_ARGS;
  napi_value argv[MAX_ARGS];
  void *data;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, &data) != napi_ok) return NULL;
  if ((int)argc != ints + floats) {
    napi_throw_type_error(env, NULL, "kernel called with the wrong number of arguments");
    return NULL;
  }
  for (int i = 0; i < ints; i++) {
    if (napi_get_value_int32(env, argv[i], &iv[i]) != napi_ok || iv[i] < 0) {
      napi_throw_type_error(env, NULL, "kernel offsets and sizes must be numbers >= 0");
      return NULL;
    }
  }
  for (int i = 0; i < floats; i++) {
    double d;
    if (napi_get_value_double(env, argv[ints + i], &d) != napi_ok) {
      napi_throw_type_error(env, NULL, "kernel arguments must be numbers");
      return NULL;
    }
    fv[i] = (float)d;
  }
  return (Instance *)data;
}

static void free_instance(void *arg) { free(arg); }

/* A buffer's finalizer: unmaps its memory unless grow() moved it on. */
static void free_block(napi_env env, void *data, void *hint) {
  (void)env; (void)data;
  Block *block = hint;
  if (block->addr) munmap(block->addr, block->size);
  free(block);
}

static napi_value memory_of(napi_env env, Instance *in) {
  napi_value buffer = NULL;
  if (in->buffer) napi_get_reference_value(env, in->buffer, &buffer);
  return buffer;
}

/* `size` bytes holding the `old` ones (which it takes over), zero past them. The pages come from
 * the system untouched: those not used yet cost no memory, and on Linux mremap moves the old
 * pages instead of copying them (on this project's VMs a page touched for the first time costs
 * tens of microseconds, so copying into fresh memory was slow). NULL if there is no memory. */
static void *remap(void *old, size_t old_size, size_t size) {
#ifdef __linux__
  if (old) {
    void *moved = mremap(old, old_size, size, MREMAP_MAYMOVE);
    return moved == MAP_FAILED ? NULL : moved;
  }
#endif
  void *fresh = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (fresh == MAP_FAILED) return NULL;
  if (old) {
    memcpy(fresh, old, old_size);
    munmap(old, old_size);
  }
  return fresh;
}

/* grow(bytes): the memory becomes at least `bytes` long, its contents kept; the old ArrayBuffer
 * is detached first (the pages under it move or go), as WebAssembly.Memory.grow detaches it. */
static napi_value k_grow(napi_env env, napi_callback_info info) {
  int32_t bytes;
  Instance *in = call_args(env, info, 1, 0, &bytes, NULL);
  if (!in) return NULL;
  if (bytes <= in->size) return memory_of(env, in);
  size_t size = ((size_t)bytes + 4095) & ~(size_t)4095;
  napi_value old = memory_of(env, in), buffer;
  if (old && napi_detach_arraybuffer(env, old) != napi_ok) return NULL;
  Block *block = malloc(sizeof *block);
  char *base = block ? remap(in->base, (size_t)in->size, size) : NULL;
  if (!base) {
    free(block);
    napi_throw_error(env, NULL, "cannot allocate the kernel memory");
    return NULL;
  }
  if (in->block) in->block->addr = NULL; /* its pages are base's now */
  block->addr = base;
  block->size = size;
  if (old) napi_delete_reference(env, in->buffer);
  in->buffer = NULL;
  in->base = base;
  in->size = (int64_t)size;
  in->block = block;
  if (napi_create_external_arraybuffer(env, base, size, free_block, block, &buffer) != napi_ok) return NULL;
  napi_create_reference(env, buffer, 1, &in->buffer);
  return buffer;
}

static napi_value k_buffer(napi_env env, napi_callback_info info) {
  void *data;
  size_t argc = 0;
  napi_get_cb_info(env, info, &argc, NULL, NULL, &data);
  return memory_of(env, (Instance *)data);
}

/* Widest first. __builtin_cpu_supports also checks that the system saves the wide registers. */
static const struct { const char *name; const KernelTable *table; } ISAS[] = {
  { "avx512", &kernels_avx512 }, { "avx2", &kernels_avx2 }, { "sse2", &kernels_sse2 },
};
#define N_ISAS 3

static int usable(int i) {
  __builtin_cpu_init();
  if (i == 0) return __builtin_cpu_supports("avx512f");
  if (i == 1) return __builtin_cpu_supports("avx2");
  return 1; /* SSE2 is part of x86-64 */
}

static napi_value k_open(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result;
  char name[16] = "";
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], name, sizeof name, NULL) != napi_ok) {
    napi_throw_type_error(env, NULL, "open(isa) needs the name of a build");
    return NULL;
  }
  int i = 0;
  while (i < N_ISAS && strcmp(ISAS[i].name, name) != 0) i++;
  if (i == N_ISAS || !usable(i)) {
    napi_throw_error(env, NULL, "this processor cannot run that build of the kernels");
    return NULL;
  }
  Instance *in = calloc(1, sizeof *in);
  if (!in) return NULL;
  in->k = ISAS[i].table;
  napi_add_env_cleanup_hook(env, free_instance, in);
  napi_property_descriptor props[N_CALLS + 2] = {
    { "grow", NULL, k_grow, NULL, NULL, NULL, napi_enumerable, in },
    { "buffer", NULL, k_buffer, NULL, NULL, NULL, napi_enumerable, in },
  };
  call_properties(in, props + 2);
  napi_create_object(env, &result);
  napi_define_properties(env, result, N_CALLS + 2, props);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value isas, source, open;
  uint32_t n = 0;
  napi_create_array(env, &isas);
  for (int i = 0; i < N_ISAS; i++) {
    if (!usable(i)) continue;
    napi_value name;
    napi_create_string_utf8(env, ISAS[i].name, NAPI_AUTO_LENGTH, &name);
    napi_set_element(env, isas, n++, name);
  }
  napi_create_string_utf8(env, STR(KERNELS_SOURCE), NAPI_AUTO_LENGTH, &source);
  napi_create_function(env, "open", NAPI_AUTO_LENGTH, k_open, NULL, &open);
  napi_set_named_property(env, exports, "isas", isas);
  napi_set_named_property(env, exports, "source", source);
  napi_set_named_property(env, exports, "open", open);
  return exports;
}
