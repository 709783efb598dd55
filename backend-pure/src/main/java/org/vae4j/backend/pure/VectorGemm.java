package org.vae4j.backend.pure;

/**
 * {@link Gemm} on the JDK Vector API ({@link VectorSgemm}, {@link VectorDgemm}); tiny products, where
 * packing costs more than it saves, go to {@link ScalarGemm}. Instantiated reflectively by {@link Gemms}
 * only when {@code jdk.incubator.vector} is present. Thread-safe.
 */
final class VectorGemm implements Gemm {
  private static final long TINY = 1 << 12;
  private final ScalarGemm scalar = new ScalarGemm();

  @Override
  public void sgemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs,
      int bCs, float[] c, int cOff, int ldc, boolean accumulate) {
    if ((long) m * n * k < TINY) {
      scalar.sgemm(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc, accumulate);
      return;
    }
    VectorSgemm.sgemm(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc, accumulate);
  }

  @Override
  public void dgemm(int m, int n, int k, double[] a, int aOff, int aRs, int aCs, double[] b, int bOff, int bRs,
      int bCs, double[] c, int cOff, int ldc, boolean accumulate) {
    if ((long) m * n * k < TINY) {
      scalar.dgemm(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc, accumulate);
      return;
    }
    VectorDgemm.dgemm(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc, accumulate);
  }
}
