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
  void (*gather_rows)(float *dst, const float *src, const int *idx, int n, int d);
  void (*adam)(float *w, const float *g, float *m, float *v, int n, float lr_hat, float b1,
               float b2, float inv_sqrt_bc2, float eps);
} KernelTable;

extern const KernelTable kernels_sse2, kernels_avx2, kernels_avx512;

#endif
