/*
 * Training kernels for proxy networks, compiled to WebAssembly with SIMD (see build.sh).
 *
 * Why this exists: tfjs-backend-wasm 4.22 runs only untransposed, unbatched matMul through
 * XNNPACK; every gradient matMul autograd emits takes a scalar loop (~13x slower), and its
 * elementwise/reduction kernels cost 0.05-9 ms per call on batch-sized tensors. A proxy run is a
 * small MLP, so a handful of SIMD loops over buffers we own does the whole training step with no
 * per-op overhead and no copies.
 *
 * Conventions: row-major float32 matrices addressed by element strides. Every output element of a
 * matrix product is accumulated over k in increasing order, in one float32 lane, starting from 0,
 * whatever the blocking (2x16 tile, 4-wide or scalar tail). So a result never depends on the
 * matrix sizes around it: a network trained beside others gets bitwise the same numbers as alone.
 * WebAssembly has no fused multiply-add, so mul and add round separately on every path.
 */
#include <wasm_simd128.h>

typedef float f32;
#define EXPORT __attribute__((visibility("default")))

/* How mm_run starts and ends each output element's sum. */
enum { FROM_ZERO = 0, ADD_TO_C = 1, CONTINUE_C = 2 };

/* Rows of the K dimension per pass when K is long (weight gradients sum over the batch): the
 * slices of A and B a pass reads then stay in cache. The running sum is kept in C between passes,
 * so the result is bitwise that of one pass. */
#define K_BLOCK 64

/* Rows i0..i0+R-1 of C[i][j] (+)= sum_k a(i,k) * B[k][j], with a(i,k) = A[i*sai + k*sak].
 * sai/sak let one kernel serve A (sai=lda, sak=1) and A-transposed (sai=1, sak=lda).
 * mode FROM_ZERO: C = sum; ADD_TO_C: C = C + sum (the sum complete first); CONTINUE_C: the sum
 * starts from C (a later K block).
 * R and V are constants once inlined: tiles of R rows x V vectors of 4 columns, then 4-column
 * strips, then single columns. Written generically so that clang unrolls it into straight-line
 * code with every accumulator in a register. The 2-row x 16-column tile (8 sums, 4 B vectors,
 * one splat) is the largest V8 keeps in x64's 16 SIMD registers: 12 sums spill and run at half
 * speed (timings in README, "Why not 1.0x"). */
static inline __attribute__((always_inline)) void mm_rows(
    const f32 *A, int sai, int sak, const f32 *B, int ldb, f32 *C, int ldc,
    int i0, int K, int N, int mode, const int R, const int V) {
  const int acc = mode == ADD_TO_C, cont = mode == CONTINUE_C;
  const f32 *a[R];
  f32 *c[R];
  for (int r = 0; r < R; r++) { a[r] = A + (i0 + r) * sai; c[r] = C + (i0 + r) * ldc; }
  int j = 0;
  for (; j + 4 * V <= N; j += 4 * V) {
    v128_t s[R][V];
    for (int r = 0; r < R; r++)
      for (int v = 0; v < V; v++) s[r][v] = cont ? wasm_v128_load(c[r] + j + 4 * v) : wasm_f32x4_splat(0);
    const f32 *b = B + j;
    for (int k = 0; k < K; k++, b += ldb) {
      v128_t bv[V];
      for (int v = 0; v < V; v++) bv[v] = wasm_v128_load(b + 4 * v);
      for (int r = 0; r < R; r++) {
        v128_t x = wasm_v128_load32_splat(a[r] + k * sak);
        for (int v = 0; v < V; v++) s[r][v] = wasm_f32x4_add(s[r][v], wasm_f32x4_mul(x, bv[v]));
      }
    }
    for (int r = 0; r < R; r++)
      for (int v = 0; v < V; v++) {
        v128_t t = s[r][v];
        if (acc) t = wasm_f32x4_add(wasm_v128_load(c[r] + j + 4 * v), t);
        wasm_v128_store(c[r] + j + 4 * v, t);
      }
  }
  for (; j + 4 <= N; j += 4) {
    v128_t s[R];
    for (int r = 0; r < R; r++) s[r] = cont ? wasm_v128_load(c[r] + j) : wasm_f32x4_splat(0);
    const f32 *b = B + j;
    for (int k = 0; k < K; k++, b += ldb) {
      v128_t b0 = wasm_v128_load(b);
      for (int r = 0; r < R; r++)
        s[r] = wasm_f32x4_add(s[r], wasm_f32x4_mul(wasm_v128_load32_splat(a[r] + k * sak), b0));
    }
    for (int r = 0; r < R; r++) {
      v128_t t = s[r];
      if (acc) t = wasm_f32x4_add(wasm_v128_load(c[r] + j), t);
      wasm_v128_store(c[r] + j, t);
    }
  }
  for (; j < N; j++) {
    for (int r = 0; r < R; r++) {
      f32 s = cont ? c[r][j] : 0;
      for (int k = 0; k < K; k++) s += a[r][k * sak] * B[k * ldb + j];
      c[r][j] = acc ? c[r][j] + s : s;
    }
  }
}

/* Every row of C in 2-row tiles, then the odd row. */
static void mm_run(const f32 *A, int sai, int sak, const f32 *B, int ldb, f32 *C, int ldc,
                   int M, int K, int N, int mode) {
  int i = 0;
  for (; i + 2 <= M; i += 2) mm_rows(A, sai, sak, B, ldb, C, ldc, i, K, N, mode, 2, 4);
  if (i < M) mm_rows(A, sai, sak, B, ldb, C, ldc, i, K, N, mode, 1, 4);
}

/* C (+)= A·B as in mm_run: acc != 0 adds the complete sum to C. */
EXPORT void mm(const f32 *A, int sai, int sak, const f32 *B, int ldb, f32 *C, int ldc,
               int M, int K, int N, int acc) {
  if (acc || K <= 4 * K_BLOCK) {
    mm_run(A, sai, sak, B, ldb, C, ldc, M, K, N, acc ? ADD_TO_C : FROM_ZERO);
    return;
  }
  for (int k0 = 0; k0 < K; k0 += K_BLOCK) {
    int kc = K - k0 < K_BLOCK ? K - k0 : K_BLOCK;
    mm_run(A + k0 * sak, sai, sak, B + k0 * ldb, ldb, C, ldc, M, kc, N, k0 ? CONTINUE_C : FROM_ZERO);
  }
}

/* y[i*incy] = sum_k A[i][k] * x[k]: a tower's single output unit. Sums four lanes of k
 * (k mod 4) then the lanes, then the scalar tail: a fixed order for a given K. */
EXPORT void matvec(const f32 *A, int lda, const f32 *x, f32 *y, int incy, int M, int K) {
  int k4 = K & ~3;
  for (int i = 0; i < M; i++) {
    const f32 *a = A + i * lda;
    v128_t s = wasm_f32x4_splat(0);
    for (int k = 0; k < k4; k += 4)
      s = wasm_f32x4_add(s, wasm_f32x4_mul(wasm_v128_load(a + k), wasm_v128_load(x + k)));
    f32 t = (wasm_f32x4_extract_lane(s, 0) + wasm_f32x4_extract_lane(s, 1)) +
            (wasm_f32x4_extract_lane(s, 2) + wasm_f32x4_extract_lane(s, 3));
    for (int k = k4; k < K; k++) t += a[k] * x[k];
    y[i * incy] = t;
  }
}

/* Backward of the T output units (one per task, K inputs each), in one pass over the rows.
 * Task p reads columns p*hs .. p*hs+K-1 of H (hs = 0: every task reads the same columns) and has
 * logit gradients dl[p*ldl + i]. Writes dw[p*K + k] = sum over i (in order, from 0) of
 * dl_p[i] * H[i][p*hs + k]; and, when dH != 0, dH[i][p*hs + k] = dl_p[i] * w[p*K + k], summed over
 * p in order when hs = 0 (towers without hidden layers share the bottom's output). */
EXPORT void head_bwd(const f32 *H, int ldh, int hs, const f32 *dl, int ldl, const f32 *w, f32 *dw,
                     f32 *dH, int T, int K, int M) {
  for (int x = 0; x < T * K; x++) dw[x] = 0;
  for (int i = 0; i < M; i++) {
    const f32 *h = H + i * ldh;
    f32 *d = dH ? dH + i * ldh : 0;
    for (int p = 0; p < T; p++) {
      v128_t g = wasm_f32x4_splat(dl[p * ldl + i]);
      const f32 *hp = h + p * hs, *wp = w + p * K;
      f32 *dwp = dw + p * K;
      int k = 0;
      for (; k + 4 <= K; k += 4) {
        wasm_v128_store(dwp + k, wasm_f32x4_add(wasm_v128_load(dwp + k),
                                                wasm_f32x4_mul(g, wasm_v128_load(hp + k))));
        if (d) {
          v128_t v = wasm_f32x4_mul(g, wasm_v128_load(wp + k));
          if (hs == 0 && p > 0) v = wasm_f32x4_add(wasm_v128_load(d + k), v);
          wasm_v128_store(d + p * hs + k, v);
        }
      }
      for (; k < K; k++) {
        f32 gs = dl[p * ldl + i];
        dwp[k] = dwp[k] + gs * hp[k];
        if (d) d[p * hs + k] = hs == 0 && p > 0 ? d[k] + gs * wp[k] : gs * wp[k];
      }
    }
  }
}

/* Z[i][j] = Z[i][j] + bias[j], then max(., 0) when relu != 0. */
EXPORT void bias_act(f32 *Z, int ldz, const f32 *bias, int M, int N, int relu) {
  v128_t zero = wasm_f32x4_splat(0);
  for (int i = 0; i < M; i++) {
    f32 *z = Z + i * ldz;
    int j = 0;
    for (; j + 4 <= N; j += 4) {
      v128_t v = wasm_f32x4_add(wasm_v128_load(z + j), wasm_v128_load(bias + j));
      if (relu) v = wasm_f32x4_max(v, zero);
      wasm_v128_store(z + j, v);
    }
    for (; j < N; j++) {
      f32 v = z[j] + bias[j];
      z[j] = relu && !(v > 0) ? 0 : v;
    }
  }
}

/* dZ = dH where the ReLU output H is positive, else 0 (the ReLU derivative, taken as 0 at 0),
 * in place; and db[j] = sum over rows i (in order, from 0) of dZ[i][j], the bias gradient: one
 * pass over dZ instead of two. db must hold N floats. */
EXPORT void relu_bwd(f32 *D, int ldd, const f32 *H, int ldh, int M, int N, f32 *db) {
  v128_t zero = wasm_f32x4_splat(0);
  for (int j = 0; j < N; j++) db[j] = 0;
  for (int i = 0; i < M; i++) {
    f32 *d = D + i * ldd;
    const f32 *h = H + i * ldh;
    int j = 0;
    for (; j + 4 <= N; j += 4) {
      v128_t dz = wasm_v128_and(wasm_v128_load(d + j), wasm_f32x4_gt(wasm_v128_load(h + j), zero));
      wasm_v128_store(d + j, dz);
      wasm_v128_store(db + j, wasm_f32x4_add(wasm_v128_load(db + j), dz));
    }
    for (; j < N; j++) {
      if (!(h[j] > 0)) d[j] = 0;
      db[j] += d[j];
    }
  }
}

/* dst (cols x rows) = transpose of src (rows x cols, leading dimension lds). Weights only. */
EXPORT void transpose(const f32 *src, int lds, f32 *dst, int rows, int cols) {
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++) dst[c * rows + r] = src[r * lds + c];
}

/* Copy rows idx[0..n) of src (width d) to dst, densely: the batch gather. */
EXPORT void gather_rows(f32 *dst, const f32 *src, const int *idx, int n, int d) {
  for (int r = 0; r < n; r++) {
    const f32 *s = src + idx[r] * d;
    f32 *o = dst + r * d;
    for (int c = 0; c < d; c++) o[c] = s[c];
  }
}

/* One Adam step over a whole parameter vector (weights and biases alike):
 * m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  w -= lr_hat * m / (sqrt(v) * inv_sqrt_bc2 + eps)
 * with lr_hat = lr / (1 - b1^t) and inv_sqrt_bc2 = 1 / sqrt(1 - b2^t): textbook Adam. */
EXPORT void adam(f32 *w, const f32 *g, f32 *m, f32 *v, int n, f32 lr_hat, f32 b1, f32 b2,
                 f32 inv_sqrt_bc2, f32 eps) {
  v128_t vb1 = wasm_f32x4_splat(b1), vc1 = wasm_f32x4_splat(1 - b1);
  v128_t vb2 = wasm_f32x4_splat(b2), vc2 = wasm_f32x4_splat(1 - b2);
  v128_t vlr = wasm_f32x4_splat(lr_hat), vbc = wasm_f32x4_splat(inv_sqrt_bc2);
  v128_t veps = wasm_f32x4_splat(eps);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t gi = wasm_v128_load(g + i);
    v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(vb1, wasm_v128_load(m + i)), wasm_f32x4_mul(vc1, gi));
    v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(vb2, wasm_v128_load(v + i)),
                               wasm_f32x4_mul(vc2, wasm_f32x4_mul(gi, gi)));
    v128_t den = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_sqrt(vi), vbc), veps);
    v128_t wi = wasm_f32x4_sub(wasm_v128_load(w + i), wasm_f32x4_div(wasm_f32x4_mul(vlr, mi), den));
    wasm_v128_store(m + i, mi); wasm_v128_store(v + i, vi); wasm_v128_store(w + i, wi);
  }
  for (; i < n; i++) {
    f32 gi = g[i];
    f32 mi = b1 * m[i] + (1 - b1) * gi;
    f32 vi = b2 * v[i] + (1 - b2) * (gi * gi);
    f32 den = __builtin_sqrtf(vi) * inv_sqrt_bc2 + eps;
    m[i] = mi; v[i] = vi; w[i] = w[i] - (lr_hat * mi) / den;
  }
}
