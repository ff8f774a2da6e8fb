/*
 * The kernels of kernels.c as JavaScript functions of an instance: offsets become pointers into
 * its memory. Native code has no bounds checks of its own (wasm traps instead), so each call
 * first checks that every matrix it touches lies inside the memory, and throws a RangeError if
 * one does not. Signatures and meanings: kernels.c.
 */
#include <stdio.h>
#include "instance.h"

static napi_value out_of_bounds(napi_env env, const char *kernel) {
  char message[96];
  snprintf(message, sizeof message, "kernel %s: an argument lies outside the kernel memory", kernel);
  napi_throw_range_error(env, NULL, message);
  return NULL;
}

/* Declares the locals every call needs: its instance `in`, int arguments `a`, float ones `f`. */
#define ARGS(ints, floats)                                              \
  int32_t a[ints];                                                      \
  float f[(floats) + 1];                                                \
  int ok = 1;                                                           \
  Instance *in = call_args(env, info, ints, floats, a, f);              \
  if (!in) return NULL;                                                 \
  (void)f

/* Runs one kernel with IEEE settings, once its bounds are checked. */
#define RUN(kernel, ...)                                                \
  do {                                                                  \
    if (!ok) return out_of_bounds(env, #kernel);                        \
    unsigned csr = ieee_begin();                                        \
    in->k->kernel(__VA_ARGS__);                                         \
    ieee_end(csr);                                                      \
    return NULL;                                                        \
  } while (0)

static napi_value k_mm(napi_env env, napi_callback_info info) {
  ARGS(11, 0); /* A, sai, sak, B, ldb, C, ldc, M, K, N, acc */
  const int M = a[7], K = a[8], N = a[9];
  const float *A = at(in, a[0], span(M, a[1], K, a[2]), &ok);
  const float *B = at(in, a[3], span(K, a[4], N, 1), &ok);
  float *C = at(in, a[5], span(M, a[6], N, 1), &ok);
  RUN(mm, A, a[1], a[2], B, a[4], C, a[6], M, K, N, a[10]);
}

static napi_value k_matvec(napi_env env, napi_callback_info info) {
  ARGS(7, 0); /* A, lda, x, y, incy, M, K */
  const int M = a[5], K = a[6];
  const float *A = at(in, a[0], span(M, a[1], K, 1), &ok);
  const float *x = at(in, a[2], M > 0 ? K : 0, &ok);
  float *y = at(in, a[3], span(M, a[4], 1, 1), &ok);
  RUN(matvec, A, a[1], x, y, a[4], M, K);
}

static napi_value k_head_bwd(napi_env env, napi_callback_info info) {
  ARGS(11, 0); /* H, ldh, hs, dl, ldl, w, dw, dH, T, K, M */
  const int T = a[8], K = a[9], M = a[10];
  const int64_t h = M > 0 && T > 0 && K > 0 ? (M - 1) * (int64_t)a[1] + span(T, a[2], K, 1) : 0;
  const float *H = at(in, a[0], h, &ok);
  const float *dl = at(in, a[3], span(T, a[4], M, 1), &ok);
  const float *w = at(in, a[5], (int64_t)T * K, &ok);
  float *dw = at(in, a[6], (int64_t)T * K, &ok);
  float *dH = a[7] ? at(in, a[7], h, &ok) : NULL;
  RUN(head_bwd, H, a[1], a[2], dl, a[4], w, dw, dH, T, K, M);
}

static napi_value k_bias_act(napi_env env, napi_callback_info info) {
  ARGS(6, 0); /* Z, ldz, bias, M, N, relu */
  float *Z = at(in, a[0], span(a[3], a[1], a[4], 1), &ok);
  const float *bias = at(in, a[2], a[3] > 0 ? a[4] : 0, &ok);
  RUN(bias_act, Z, a[1], bias, a[3], a[4], a[5]);
}

static napi_value k_relu_bwd(napi_env env, napi_callback_info info) {
  ARGS(7, 0); /* D, ldd, H, ldh, M, N, db */
  float *D = at(in, a[0], span(a[4], a[1], a[5], 1), &ok);
  const float *H = at(in, a[2], span(a[4], a[3], a[5], 1), &ok);
  float *db = at(in, a[6], a[5], &ok);
  RUN(relu_bwd, D, a[1], H, a[3], a[4], a[5], db);
}

static napi_value k_transpose(napi_env env, napi_callback_info info) {
  ARGS(5, 0); /* src, lds, dst, rows, cols */
  const float *src = at(in, a[0], span(a[3], a[1], a[4], 1), &ok);
  float *dst = at(in, a[2], (int64_t)a[3] * a[4], &ok);
  RUN(transpose, src, a[1], dst, a[3], a[4]);
}

/* Whether rows idx[0..n) of a (rows x d, leading dimension ld) matrix at `off` lie inside. */
static int rows_inside(Instance *in, int32_t off, const int *idx, int n, int ld, int d, int *ok) {
  for (int r = 0; *ok && r < n; r++) {
    if (idx[r] < 0) *ok = 0;
    else at(in, off, (int64_t)idx[r] * ld + d, ok);
  }
  return *ok;
}

static napi_value k_gather_rows(napi_env env, napi_callback_info info) {
  ARGS(7, 0); /* dst, ldd, src, lds, idx, n, d */
  const int n = a[5], d = a[6];
  float *dst = at(in, a[0], span(n, a[1], d, 1), &ok);
  const int *idx = at(in, a[4], n, &ok);
  const float *src = at(in, a[2], 0, &ok);
  if (ok && d > 0) rows_inside(in, a[2], idx, n, a[3], d, &ok);
  RUN(gather_rows, dst, a[1], src, a[3], idx, n, d);
}

static napi_value k_scatter_rows(napi_env env, napi_callback_info info) {
  ARGS(7, 0); /* g, src, lds, slot, n, u, d */
  const int n = a[4], u = a[5], d = a[6];
  float *g = at(in, a[0], (int64_t)u * d, &ok);
  const float *src = at(in, a[1], span(n, a[2], d, 1), &ok);
  const int *slot = at(in, a[3], n, &ok);
  for (int i = 0; ok && i < n; i++)
    if (slot[i] < 0 || slot[i] >= u) ok = 0;
  RUN(scatter_rows, g, src, a[2], slot, n, u, d);
}

static napi_value k_softmax_groups(napi_env env, napi_callback_info info) {
  ARGS(5, 0); /* Z, ldz, M, G, E */
  float *Z = at(in, a[0], span(a[2], a[1], (int64_t)a[3] * a[4], 1), &ok);
  RUN(softmax_groups, Z, a[1], a[2], a[3], a[4]);
}

static napi_value k_mixture(napi_env env, napi_callback_info info) {
  ARGS(10, 0); /* mix, ldm, g, ldg, ex, lde, M, T, E, H */
  const int M = a[6], T = a[7], E = a[8], H = a[9];
  float *mix = at(in, a[0], span(M, a[1], (int64_t)T * H, 1), &ok);
  const float *g = at(in, a[2], span(M, a[3], (int64_t)T * E, 1), &ok);
  const float *ex = at(in, a[4], span(M, a[5], (int64_t)E * H, 1), &ok);
  RUN(mixture, mix, a[1], g, a[3], ex, a[5], M, T, E, H);
}

static napi_value k_mixture_bwd(napi_env env, napi_callback_info info) {
  ARGS(13, 0); /* dmix, ldm, g, ldg, ex, lde, dex, dz, db, M, T, E, H */
  const int M = a[9], T = a[10], E = a[11], H = a[12];
  if (E > 64) {
    napi_throw_range_error(env, NULL, "kernel mixture_bwd: at most 64 experts");
    return NULL;
  }
  const float *dmix = at(in, a[0], span(M, a[1], (int64_t)T * H, 1), &ok);
  const float *g = at(in, a[2], span(M, a[3], (int64_t)T * E, 1), &ok);
  const float *ex = at(in, a[4], span(M, a[5], (int64_t)E * H, 1), &ok);
  float *dex = at(in, a[6], span(M, a[5], (int64_t)E * H, 1), &ok);
  float *dz = at(in, a[7], span(M, a[3], (int64_t)T * E, 1), &ok);
  float *db = at(in, a[8], (int64_t)T * E, &ok);
  RUN(mixture_bwd, dmix, a[1], g, a[3], ex, a[5], dex, dz, db, M, T, E, H);
}

static napi_value k_adam(napi_env env, napi_callback_info info) {
  ARGS(5, 5); /* w, g, m, v, n; lr_hat, b1, b2, inv_sqrt_bc2, eps */
  const int n = a[4];
  float *w = at(in, a[0], n, &ok);
  const float *g = at(in, a[1], n, &ok);
  float *m = at(in, a[2], n, &ok);
  float *v = at(in, a[3], n, &ok);
  RUN(adam, w, g, m, v, n, f[0], f[1], f[2], f[3], f[4]);
}

static napi_value k_adam_rows(napi_env env, napi_callback_info info) {
  ARGS(7, 5); /* w, g, m, v, rows, u, d; lr_hat, b1, b2, inv_sqrt_bc2, eps */
  const int u = a[5], d = a[6];
  const int *rows = at(in, a[4], u, &ok);
  const float *g = at(in, a[1], (int64_t)u * d, &ok);
  float *w = at(in, a[0], 0, &ok), *m = at(in, a[2], 0, &ok), *v = at(in, a[3], 0, &ok);
  if (ok && d > 0) {
    rows_inside(in, a[0], rows, u, d, d, &ok); /* w, m and v: the rows it updates */
    rows_inside(in, a[2], rows, u, d, d, &ok);
    rows_inside(in, a[3], rows, u, d, d, &ok);
  }
  RUN(adam_rows, w, g, m, v, rows, u, d, f[0], f[1], f[2], f[3], f[4]);
}

void call_properties(Instance *in, napi_property_descriptor *props) {
  static const struct { const char *name; napi_callback call; } calls[N_CALLS] = {
    { "mm", k_mm }, { "matvec", k_matvec }, { "head_bwd", k_head_bwd },
    { "bias_act", k_bias_act }, { "relu_bwd", k_relu_bwd }, { "transpose", k_transpose },
    { "gather_rows", k_gather_rows }, { "scatter_rows", k_scatter_rows },
    { "softmax_groups", k_softmax_groups }, { "mixture", k_mixture },
    { "mixture_bwd", k_mixture_bwd }, { "adam", k_adam }, { "adam_rows", k_adam_rows },
  };
  for (int i = 0; i < N_CALLS; i++) {
    napi_property_descriptor p = { calls[i].name, NULL, calls[i].call, NULL, NULL, NULL,
                                   napi_enumerable, in };
    props[i] = p;
  }
}
