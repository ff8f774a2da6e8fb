/* The kernels of one native build (kernels.c with KERNEL_TABLE defined), for addon.c. Offsets
 * in the JavaScript API become these pointers; signatures as in kernels.c. */
#ifndef KERNEL_TABLE_H
#define KERNEL_TABLE_H

typedef struct {
  void (*mm)(const float *A, int sai, int sak, const float *B, int ldb, float *C, int ldc,
             int M, int K, int N, int acc);
  void (*matvec)(const float *A, int lda, const float *x, float *y, int incy, int M, int K);
  void (*head_bwd)(const float *H, int ldh, int hs, const float *dl, int ldl, const float *w,
                   float *dw, float *dH, int T, int K, int M);
  void (*bias_act)(float *Z, int ldz, const float *bias, int M, int N, int relu);
  void (*relu_bwd)(float *D, int ldd, const float *H, int ldh, int M, int N, float *db);
  void (*transpose)(const float *src, int lds, float *dst, int rows, int cols);
  void (*gather_rows)(float *dst, int ldd, const float *src, int lds, const int *idx, int n, int d);
  void (*scatter_rows)(float *g, const float *src, int lds, const int *slot, int n, int u, int d);
  void (*softmax_groups)(float *Z, int ldz, int M, int G, int E);
  void (*mixture)(float *mix, int ldm, const float *g, int ldg, const float *ex, int lde, int M,
                  int T, int E, int H);
  void (*mixture_bwd)(const float *dmix, int ldm, const float *g, int ldg, const float *ex,
                      int lde, float *dex, float *dz, float *db, int M, int T, int E, int H);
  void (*adam)(float *w, const float *g, float *m, float *v, int n, float lr_hat, float b1,
               float b2, float inv_sqrt_bc2, float eps);
  void (*adam_rows)(float *w, const float *g, float *m, float *v, const int *rows, int u, int d,
                    float lr_hat, float b1, float b2, float inv_sqrt_bc2, float eps);
} KernelTable;

extern const KernelTable kernels_sse2, kernels_avx2, kernels_avx512;

#endif
