/*
 * bench:kernels' yardstick for one core (built and run by corePeak.ts, never part of the
 * product). Prints one JSON line:
 *   ghz      the core clock while busy: a chain of dependent integer multiplies, 3 cycles each;
 *   lanes N  GFLOP/s of independent multiplies and adds (unfused, as the kernels compute) on
 *            N-lane vectors (VEX-encoded, as V8 emits wasm SIMD), 12 sums in flight: the most
 *            the kernels' arithmetic can reach at that width.
 */
#include <stdio.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); /* CPU time: other processes do not count */
  return t.tv_sec + t.tv_nsec * 1e-9;
}

/*
 * A chain of dependent 64-bit multiplies, 3 cycles each on every x86-64 core of the last fifteen
 * years. Not a chain of `add $1`: newer Intel cores fold immediate adds at rename and run several
 * a cycle, which read as a clock of 17-19 GHz.
 */
static double ghz(void) {
  const long n = 100000000;
  unsigned long x = 1;
  double t0 = now();
  for (long i = 0; i < n; i += 4)
    __asm__ volatile("imul %0,%0\n\timul %0,%0\n\timul %0,%0\n\timul %0,%0" : "+r"(x));
  return 3.0 * n / (now() - t0) / 1e9;
}

/* 12 independent sums s += x * y; the barrier stops the compiler hoisting the products. */
#define PEAK(NAME, LANES, TARGET)                                                  \
  __attribute__((target(TARGET))) static double NAME(void) {                       \
    typedef float v __attribute__((vector_size(4 * LANES)));                       \
    v s[12], x[12], y = {0};                                                       \
    for (int r = 0; r < 12; r++) { s[r] = (v){0}; x[r] = (v){0} + 1e-7f * r; }    \
    const long n = 20000000;                                                       \
    double t0 = now();                                                             \
    for (long i = 0; i < n; i++) {                                                 \
      __asm__ volatile("" : "+x"(y));                                              \
      _Pragma("GCC unroll 12") for (int r = 0; r < 12; r++) s[r] = s[r] + x[r] * y; \
    }                                                                              \
    double t = now() - t0;                                                         \
    v total = {0};                                                                 \
    for (int r = 0; r < 12; r++) total = total + s[r];                             \
    if (total[0] == 42) puts("");                                                  \
    return 2.0 * LANES * 12 * n / t / 1e9;                                         \
  }

PEAK(peak4, 4, "avx")
PEAK(peak8, 8, "avx2")
PEAK(peak16, 16, "avx512f")

int main(void) {
  __builtin_cpu_init();
  printf("{\"ghz\":%.3f,\"lanes\":{", ghz());
  const char *sep = "";
  if (__builtin_cpu_supports("avx")) { printf("\"4\":%.1f", peak4()); sep = ","; }
  if (__builtin_cpu_supports("avx2")) { printf("%s\"8\":%.1f", sep, peak8()); sep = ","; }
  if (__builtin_cpu_supports("avx512f")) printf("%s\"16\":%.1f", sep, peak16());
  printf("}}\n");
  return 0;
}
