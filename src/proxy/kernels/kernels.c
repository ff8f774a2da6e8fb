/*
 * Training kernels for proxy networks. One source, built two ways:
 * - to WebAssembly with 4-lane SIMD (build.sh; kernels.wasm is committed): the portable default;
 * - natively at install time (native/binding.gyp), once per vector width: 4 lanes (SSE2),
 *   8 (AVX2) and 16 (AVX-512), the widest the processor has chosen at load (native/addon.c).
 *
 * Why this exists: tfjs-backend-wasm 4.22 runs only untransposed, unbatched matMul through
 * XNNPACK; every gradient matMul autograd emits takes a scalar loop (~13x slower), and its
 * elementwise/reduction kernels cost 0.05-9 ms per call on batch-sized tensors. A proxy run is a
 * small MLP, so a handful of SIMD loops over buffers we own does the whole training step with no
 * per-op overhead and no copies.
 *
 * Conventions: row-major float32 matrices addressed by element strides. Every output element of a
 * matrix product is accumulated over k in increasing order, in one float32 lane, starting from 0,
 * whatever the blocking (tiles, strips or scalar tail) and whatever the vector width: lanes are
 * independent columns. So a result never depends on the matrix sizes around it (a network trained
 * beside others gets bitwise the same numbers as alone), nor on the build: every build gives
 * bitwise the same numbers. Mul and add round separately on every path (built with
 * -ffp-contract=off and no fused multiply-add: WebAssembly has none), and every elementwise
 * kernel does the same operations in the same order in its vector and scalar paths.
 */
#include "kernelVectors.h"

/* How mm_run starts and ends each output element's sum. */
enum { FROM_ZERO = 0, ADD_TO_C = 1, CONTINUE_C = 2 };

/* Rows of the K dimension per pass when K is long (weight gradients sum over the batch): the
 * slices of A and B a pass reads then stay in cache. The running sum is kept in C between passes,
 * so the result is bitwise that of one pass. */
#define K_BLOCK 64

/* Columns j..j+LANES*V-1 of rows c[0..R-1]: C (+)= sum_k a_r(k) * B[k][j..]. R and V are constants
 * once inlined: clang and gcc unroll it into straight-line code with every sum in a register. */
static inline __attribute__((always_inline)) void mm_tile(
    const f32 *const *a, int sak, const f32 *b, int ldb, f32 *const *c, int j, int K,
    int acc, int cont, const int R, const int V) {
  vf s[TILE_ROWS][TILE_VECTORS]; /* fixed sizes, not R and V: gcc keeps no VLA in registers */
  for (int r = 0; r < R; r++)
    for (int v = 0; v < V; v++) s[r][v] = cont ? vload(c[r] + j + LANES * v) : (vf){0};
  b += j;
  for (int k = 0; k < K; k++, b += ldb) {
    vf bv[TILE_VECTORS];
    for (int v = 0; v < V; v++) bv[v] = vload(b + LANES * v);
    for (int r = 0; r < R; r++) {
      f32 x = a[r][k * sak];
      for (int v = 0; v < V; v++) s[r][v] = s[r][v] + x * bv[v];
    }
  }
  for (int r = 0; r < R; r++)
    for (int v = 0; v < V; v++) {
      vf t = s[r][v];
      if (acc) t = vload(c[r] + j + LANES * v) + t;
      vstore(c[r] + j + LANES * v, t);
    }
}

#if LANES > 4
/* The same on 4 columns, for what is left of a row narrower than one wide vector. */
static inline __attribute__((always_inline)) void mm_strip4(
    const f32 *const *a, int sak, const f32 *b, int ldb, f32 *const *c, int j, int K,
    int acc, int cont, const int R) {
  v4 s[TILE_ROWS];
  for (int r = 0; r < R; r++) s[r] = cont ? v4load(c[r] + j) : (v4){0};
  b += j;
  for (int k = 0; k < K; k++, b += ldb) {
    v4 b0 = v4load(b);
    for (int r = 0; r < R; r++) s[r] = s[r] + a[r][k * sak] * b0;
  }
  for (int r = 0; r < R; r++) v4store(c[r] + j, acc ? v4load(c[r] + j) + s[r] : s[r]);
}
#endif

/* Rows i0..i0+R-1 of C[i][j] (+)= sum_k a(i,k) * B[k][j], with a(i,k) = A[i*sai + k*sak].
 * sai/sak let one kernel serve A (sai=lda, sak=1) and A-transposed (sai=1, sak=lda).
 * mode FROM_ZERO: C = sum; ADD_TO_C: C = C + sum (the sum complete first); CONTINUE_C: the sum
 * starts from C (a later K block). Tiles of R rows x V vectors, then one-vector strips, then
 * 4-column strips, then single columns. The tile sizes (kernelVectors.h) are the largest that
 * keep every sum in a register: on wasm, 2 rows x 16 columns (8 sums, 4 B vectors, one splat)
 * is what V8 keeps in x64's 16 SIMD registers; 12 sums spill and run at half speed (timings in
 * README, "Why not 1.0x"). */
static inline __attribute__((always_inline)) void mm_rows(
    const f32 *A, int sai, int sak, const f32 *B, int ldb, f32 *C, int ldc,
    int i0, int K, int N, int mode, const int R) {
  const int acc = mode == ADD_TO_C, cont = mode == CONTINUE_C;
  const f32 *a[TILE_ROWS];
  f32 *c[TILE_ROWS];
  for (int r = 0; r < R; r++) { a[r] = A + (i0 + r) * sai; c[r] = C + (i0 + r) * ldc; }
  int j = 0;
  for (; j + LANES * TILE_VECTORS <= N; j += LANES * TILE_VECTORS)
    mm_tile(a, sak, B, ldb, c, j, K, acc, cont, R, TILE_VECTORS);
  for (; j + LANES <= N; j += LANES) mm_tile(a, sak, B, ldb, c, j, K, acc, cont, R, 1);
#if LANES > 4
  for (; j + 4 <= N; j += 4) mm_strip4(a, sak, B, ldb, c, j, K, acc, cont, R);
#endif
  for (; j < N; j++) {
    for (int r = 0; r < R; r++) {
      f32 s = cont ? c[r][j] : 0;
      for (int k = 0; k < K; k++) s += a[r][k * sak] * B[k * ldb + j];
      c[r][j] = acc ? c[r][j] + s : s;
    }
  }
}

/* Every row of C in tiles of TILE_ROWS rows, then one row at a time. */
static void mm_run(const f32 *A, int sai, int sak, const f32 *B, int ldb, f32 *C, int ldc,
                   int M, int K, int N, int mode) {
  int i = 0;
  for (; i + TILE_ROWS <= M; i += TILE_ROWS) mm_rows(A, sai, sak, B, ldb, C, ldc, i, K, N, mode, TILE_ROWS);
  for (; i < M; i++) mm_rows(A, sai, sak, B, ldb, C, ldc, i, K, N, mode, 1);
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

/* sum_k a[k] * x[k] in four lanes of k (k mod 4), then the lanes, then the scalar tail: a fixed
 * order for a given K, on 4 lanes in every build. */
static inline __attribute__((always_inline)) f32 dot4(const f32 *a, const f32 *x, int K) {
  int k4 = K & ~3;
  v4 s = {0};
  for (int k = 0; k < k4; k += 4) s = s + v4load(a + k) * v4load(x + k);
  f32 t = (s[0] + s[1]) + (s[2] + s[3]);
  for (int k = k4; k < K; k++) t += a[k] * x[k];
  return t;
}

/* y[i*incy] = sum_k A[i][k] * x[k]: a tower's single output unit (dot4's order). */
EXPORT void matvec(const f32 *A, int lda, const f32 *x, f32 *y, int incy, int M, int K) {
  for (int i = 0; i < M; i++) y[i * incy] = dot4(A + i * lda, x, K);
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
      const f32 g = dl[p * ldl + i];
      const f32 *hp = h + p * hs, *wp = w + p * K;
      f32 *dwp = dw + p * K;
      int k = 0;
      for (; k + LANES <= K; k += LANES) {
        vstore(dwp + k, vload(dwp + k) + g * vload(hp + k));
        if (d) {
          vf v = g * vload(wp + k);
          if (hs == 0 && p > 0) v = vload(d + k) + v;
          vstore(d + p * hs + k, v);
        }
      }
      for (; k < K; k++) {
        dwp[k] = dwp[k] + g * hp[k];
        if (d) d[p * hs + k] = hs == 0 && p > 0 ? d[k] + g * wp[k] : g * wp[k];
      }
    }
  }
}

/* Z[i][j] = Z[i][j] + bias[j], then max(., 0) when relu != 0 (NaN stays NaN, -0 becomes 0, as
 * WebAssembly's f32x4.max gives). */
EXPORT void bias_act(f32 *Z, int ldz, const f32 *bias, int M, int N, int relu) {
  for (int i = 0; i < M; i++) {
    f32 *z = Z + i * ldz;
    int j = 0;
    for (; j + LANES <= N; j += LANES) {
      vf v = vload(z + j) + vload(bias + j);
      if (relu) v = (vf)((vm)v & ~(v <= 0));
      vstore(z + j, v);
    }
    for (; j < N; j++) {
      f32 v = z[j] + bias[j];
      z[j] = relu && v <= 0 ? 0 : v;
    }
  }
}

/* dZ = dH where the ReLU output H is positive, else 0 (the ReLU derivative, taken as 0 at 0),
 * in place; and db[j] = sum over rows i (in order, from 0) of dZ[i][j], the bias gradient: one
 * pass over dZ instead of two. db must hold N floats. */
EXPORT void relu_bwd(f32 *D, int ldd, const f32 *H, int ldh, int M, int N, f32 *db) {
  for (int j = 0; j < N; j++) db[j] = 0;
  for (int i = 0; i < M; i++) {
    f32 *d = D + i * ldd;
    const f32 *h = H + i * ldh;
    int j = 0;
    for (; j + LANES <= N; j += LANES) {
      vf dz = (vf)((vm)vload(d + j) & (vload(h + j) > 0));
      vstore(d + j, dz);
      vstore(db + j, vload(db + j) + dz);
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

/* Copy rows idx[0..n) of src (leading dimension lds, d columns) to rows 0..n-1 of dst (leading
 * dimension ldd): the batch gather of the dense features, and of embedding rows into their
 * columns of the input. */
EXPORT void gather_rows(f32 *dst, int ldd, const f32 *src, int lds, const int *idx, int n, int d) {
  for (int r = 0; r < n; r++) {
    const f32 *s = src + idx[r] * lds;
    f32 *o = dst + r * ldd;
    for (int c = 0; c < d; c++) o[c] = s[c];
  }
}

/* g[slot[i]][c] = sum over batch rows i (in order, from 0) of src[i][c], for the u rows of g
 * (u x d, zeroed first): the gradient of each embedding row a batch touched, from the gradient
 * of the input columns the rows were gathered into. */
EXPORT void scatter_rows(f32 *g, const f32 *src, int lds, const int *slot, int n, int u, int d) {
  for (int x = 0; x < u * d; x++) g[x] = 0;
  for (int i = 0; i < n; i++) {
    const f32 *s = src + i * lds;
    f32 *o = g + slot[i] * d;
    int c = 0;
    for (; c + LANES <= d; c += LANES) vstore(o + c, vload(o + c) + vload(s + c));
    for (; c < d; c++) o[c] = o[c] + s[c];
  }
}

/* The most experts a gate mixes (mixture_bwd keeps one gradient per expert on the stack). */
#define MAX_EXPERTS 64

/* e^x, for the gates' softmax (x <= 0 there: the row's largest logit is subtracted first), with
 * no library: wasm has none, and a libm's expf differs between systems. Cody-Waite reduction
 * x = k ln2 + r, |r| <= ln2/2, and Cephes' degree-6 polynomial for e^r (within 2 ulp of e^x in
 * float), then 2^k from its bits. Below -87 the result would be subnormal: 0. NaN stays NaN. */
static inline f32 exp_f32(f32 x) {
  if (x != x) return x;
  if (x < -87.0f) return 0;
  if (x > 88.0f) x = 88.0f;
  f32 t = x * 1.44269504088896341f;
  int k = (int)(t < 0 ? t - 0.5f : t + 0.5f);
  f32 kf = (f32)k;
  f32 r = (x - kf * 0.693359375f) - kf * -2.12194440e-4f;
  f32 p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  f32 y = (p * (r * r) + r) + 1.0f;
  union { int i; f32 f; } scale = { (k + 127) << 23 };
  return y * scale.f;
}

/* In place, each group of E consecutive columns of each of the M rows (G groups per row) becomes
 * its softmax: e^(z - max) / sum, the sum over the group in order. The gates of MMoE: one group
 * of E expert logits per task. */
EXPORT void softmax_groups(f32 *Z, int ldz, int M, int G, int E) {
  for (int i = 0; i < M; i++) {
    for (int g = 0; g < G; g++) {
      f32 *z = Z + i * ldz + g * E;
      f32 top = z[0];
      for (int e = 1; e < E; e++) top = z[e] > top ? z[e] : top;
      f32 sum = 0;
      for (int e = 0; e < E; e++) {
        z[e] = exp_f32(z[e] - top);
        sum = sum + z[e];
      }
      for (int e = 0; e < E; e++) z[e] = z[e] / sum;
    }
  }
}

/* MMoE's mixture: mix[i][t*H + c] = sum over experts e (in order, from 0) of
 * g[i][t*E + e] * ex[i][e*H + c], for T tasks, E experts of H outputs: each task's tower reads
 * its gate's mixture of the experts. */
EXPORT void mixture(f32 *mix, int ldm, const f32 *g, int ldg, const f32 *ex, int lde, int M,
                    int T, int E, int H) {
  for (int i = 0; i < M; i++) {
    const f32 *x = ex + i * lde;
    for (int t = 0; t < T; t++) {
      const f32 *gt = g + i * ldg + t * E;
      f32 *o = mix + i * ldm + t * H;
      int c = 0;
      for (; c + LANES <= H; c += LANES) {
        vf s = {0};
        for (int e = 0; e < E; e++) s = s + gt[e] * vload(x + e * H + c);
        vstore(o + c, s);
      }
      for (; c < H; c++) {
        f32 s = 0;
        for (int e = 0; e < E; e++) s = s + gt[e] * x[e * H + c];
        o[c] = s;
      }
    }
  }
}

/* Backward of softmax_groups then mixture, from dmix (the gradient of the mixtures):
 * - dex[i][e*H + c] = sum over tasks t (in order) of g[i][t*E + e] * dmix[i][t*H + c];
 * - dz[i][t*E + e], the gradient of gate t's logits: with dg_e = dmix_t . ex_e (dot4's order)
 *   and s = sum_e g_e dg_e (in order), dz_e = g_e (dg_e - s);
 * - db[t*E + e] = sum over rows i (in order, from 0) of dz[i][t*E + e]: the gates' bias gradient.
 * dz has the leading dimension of g. E <= MAX_EXPERTS (checked by the caller). */
EXPORT void mixture_bwd(const f32 *dmix, int ldm, const f32 *g, int ldg, const f32 *ex, int lde,
                        f32 *dex, f32 *dz, f32 *db, int M, int T, int E, int H) {
  if (E > MAX_EXPERTS) return;
  for (int x = 0; x < T * E; x++) db[x] = 0;
  for (int i = 0; i < M; i++) {
    const f32 *gi = g + i * ldg, *di = dmix + i * ldm, *xi = ex + i * lde;
    f32 *o = dex + i * lde;
    for (int e = 0; e < E; e++) {
      int c = 0;
      for (; c + LANES <= H; c += LANES) {
        vf s = {0};
        for (int t = 0; t < T; t++) s = s + gi[t * E + e] * vload(di + t * H + c);
        vstore(o + e * H + c, s);
      }
      for (; c < H; c++) {
        f32 s = 0;
        for (int t = 0; t < T; t++) s = s + gi[t * E + e] * di[t * H + c];
        o[e * H + c] = s;
      }
    }
    for (int t = 0; t < T; t++) {
      f32 dg[MAX_EXPERTS], s = 0;
      for (int e = 0; e < E; e++) {
        dg[e] = dot4(di + t * H, xi + e * H, H);
        s = s + gi[t * E + e] * dg[e];
      }
      for (int e = 0; e < E; e++) {
        f32 z = gi[t * E + e] * (dg[e] - s);
        dz[i * ldg + t * E + e] = z;
        db[t * E + e] = db[t * E + e] + z;
      }
    }
  }
}

/* Adam on n consecutive parameters:
 * m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  w -= lr_hat * m / (sqrt(v) * inv_sqrt_bc2 + eps)
 * with lr_hat = lr / (1 - b1^t) and inv_sqrt_bc2 = 1 / sqrt(1 - b2^t): textbook Adam. */
static inline __attribute__((always_inline)) void adam_span(
    f32 *w, const f32 *g, f32 *m, f32 *v, int n, f32 lr_hat, f32 b1, f32 b2, f32 inv_sqrt_bc2,
    f32 eps) {
  const f32 c1 = 1 - b1, c2 = 1 - b2;
  int i = 0;
  for (; i + LANES <= n; i += LANES) {
    vf gi = vload(g + i);
    vf mi = b1 * vload(m + i) + c1 * gi;
    vf vi = b2 * vload(v + i) + c2 * (gi * gi);
    vf den = vsqrt(vi) * inv_sqrt_bc2 + eps;
    vf wi = vload(w + i) - (lr_hat * mi) / den;
    vstore(m + i, mi); vstore(v + i, vi); vstore(w + i, wi);
  }
  for (; i < n; i++) {
    f32 gi = g[i];
    f32 mi = b1 * m[i] + c1 * gi;
    f32 vi = b2 * v[i] + c2 * (gi * gi);
    f32 den = __builtin_sqrtf(vi) * inv_sqrt_bc2 + eps;
    m[i] = mi; v[i] = vi; w[i] = w[i] - (lr_hat * mi) / den;
  }
}

/* One Adam step over a whole parameter vector (weights and biases alike). */
EXPORT void adam(f32 *w, const f32 *g, f32 *m, f32 *v, int n, f32 lr_hat, f32 b1, f32 b2,
                 f32 inv_sqrt_bc2, f32 eps) {
  adam_span(w, g, m, v, n, lr_hat, b1, b2, inv_sqrt_bc2, eps);
}

/* Lazy (sparse) Adam on the rows of a table (rows x d) that a batch touched: row rows[j] takes
 * the gradient g[j] (u x d, as scatter_rows leaves it), its moments and weights move, every
 * other row stays as it is. The arithmetic of each row is that of adam. */
EXPORT void adam_rows(f32 *w, const f32 *g, f32 *m, f32 *v, const int *rows, int u, int d,
                      f32 lr_hat, f32 b1, f32 b2, f32 inv_sqrt_bc2, f32 eps) {
  for (int j = 0; j < u; j++) {
    const int at = rows[j] * d;
    adam_span(w + at, g + j * d, m + at, v + at, d, lr_hat, b1, b2, inv_sqrt_bc2, eps);
  }
}

#ifdef KERNEL_TABLE
/* The native builds: each width's kernels reached through one table (native/addon.c). */
const KernelTable KERNEL_TABLE = {
  mm, matvec, head_bwd, bias_act, relu_bwd, transpose, gather_rows, scatter_rows, softmax_groups,
  mixture, mixture_bwd, adam, adam_rows,
};
#endif
