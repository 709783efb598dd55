package org.vae4j.backend.pure;

/**
 * {@link Gemm} in plain Java: B is packed into contiguous row panels of {@link #KC} x {@link #NC}, then an
 * i-p-j loop (which the JIT auto-vectorizes) runs over them; row blocks of C run in parallel for large
 * products. The fallback when the Vector API is absent or switched off. Thread-safe.
 */
final class ScalarGemm implements Gemm {
  private static final int KC = 256;
  private static final int NC = 512;
  private static final int ROWS_PER_CHUNK = 16;

  @Override
  public void sgemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs,
      int bCs, float[] c, int cOff, int ldc, boolean accumulate) {
    if (!accumulate) {
      for (int i = 0; i < m; i++) {
        java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
      }
    }
    if (k == 0 || n == 0 || m == 0) {
      return;
    }
    float[] panel = new float[Math.min(KC, k) * Math.min(NC, n)];
    for (int j0 = 0; j0 < n; j0 += NC) {
      int nb = Math.min(NC, n - j0);
      for (int p0 = 0; p0 < k; p0 += KC) {
        int kb = Math.min(KC, k - p0);
        for (int p = 0; p < kb; p++) {
          int src = bOff + (p0 + p) * bRs + j0 * bCs;
          for (int j = 0; j < nb; j++) {
            panel[p * nb + j] = b[src + j * bCs];
          }
        }
        int rows = (long) m * nb * kb < PARALLEL_WORK ? m : ROWS_PER_CHUNK;
        int aStart = aOff + p0 * aCs;
        int cStart = cOff + j0;
        Parallel.forChunks((m + rows - 1) / rows, chunk -> rowsTimesPanel(a, aStart, aRs, aCs, panel, kb, nb, c,
            cStart, ldc, chunk * rows, Math.min(m, (chunk + 1) * rows)));
      }
    }
  }

  /** {@code C[i0..i1, 0..nb) += A[i0..i1, 0..kb) * panel}, panel row-major {@code kb x nb}. */
  private static void rowsTimesPanel(float[] a, int aOff, int aRs, int aCs, float[] panel, int kb, int nb,
      float[] c, int cOff, int ldc, int i0, int i1) {
    for (int i = i0; i < i1; i++) {
      int crow = cOff + i * ldc;
      int arow = aOff + i * aRs;
      for (int p = 0; p < kb; p++) {
        float aip = a[arow + p * aCs];
        int prow = p * nb;
        for (int j = 0; j < nb; j++) {
          c[crow + j] += aip * panel[prow + j];
        }
      }
    }
  }

  @Override
  public void dgemm(int m, int n, int k, double[] a, int aOff, int aRs, int aCs, double[] b, int bOff, int bRs,
      int bCs, double[] c, int cOff, int ldc, boolean accumulate) {
    if (!accumulate) {
      for (int i = 0; i < m; i++) {
        java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
      }
    }
    if (k == 0 || n == 0 || m == 0) {
      return;
    }
    double[] panel = new double[Math.min(KC, k) * Math.min(NC, n)];
    for (int j0 = 0; j0 < n; j0 += NC) {
      int nb = Math.min(NC, n - j0);
      for (int p0 = 0; p0 < k; p0 += KC) {
        int kb = Math.min(KC, k - p0);
        for (int p = 0; p < kb; p++) {
          int src = bOff + (p0 + p) * bRs + j0 * bCs;
          for (int j = 0; j < nb; j++) {
            panel[p * nb + j] = b[src + j * bCs];
          }
        }
        int rows = (long) m * nb * kb < PARALLEL_WORK ? m : ROWS_PER_CHUNK;
        int aStart = aOff + p0 * aCs;
        int cStart = cOff + j0;
        Parallel.forChunks((m + rows - 1) / rows, chunk -> rowsTimesPanel(a, aStart, aRs, aCs, panel, kb, nb, c,
            cStart, ldc, chunk * rows, Math.min(m, (chunk + 1) * rows)));
      }
    }
  }

  private static void rowsTimesPanel(double[] a, int aOff, int aRs, int aCs, double[] panel, int kb, int nb,
      double[] c, int cOff, int ldc, int i0, int i1) {
    for (int i = i0; i < i1; i++) {
      int crow = cOff + i * ldc;
      int arow = aOff + i * aRs;
      for (int p = 0; p < kb; p++) {
        double aip = a[arow + p * aCs];
        int prow = p * nb;
        for (int j = 0; j < nb; j++) {
          c[crow + j] += aip * panel[prow + j];
        }
      }
    }
  }
}
