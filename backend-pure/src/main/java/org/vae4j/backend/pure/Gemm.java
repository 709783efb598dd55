package org.vae4j.backend.pure;

/**
 * General matrix product {@code C (+)= A B} on strided operands: {@code A(i, p) = a[aOff + i * aRs + p * aCs]}
 * ({@code m x k}), {@code B(p, j) = b[bOff + p * bRs + j * bCs]} ({@code k x n}), and C row-major
 * {@code c[cOff + i * ldc + j]}; a transposed operand is expressed by swapping its two strides.
 * Implementations read A and B only, write only the {@code m x n} block of C, may use the shared worker
 * pool, and are thread-safe.
 */
interface Gemm {

  /** Products smaller than this many multiply-adds run on the calling thread. */
  long PARALLEL_WORK = 1L << 20;

  void sgemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
      float[] c, int cOff, int ldc, boolean accumulate);

  void dgemm(int m, int n, int k, double[] a, int aOff, int aRs, int aCs, double[] b, int bOff, int bRs,
      int bCs, double[] c, int cOff, int ldc, boolean accumulate);
}
