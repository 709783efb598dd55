package org.vae4j.backend.pure;

/**
 * {@link Gemm} in plain Java: B is packed into contiguous row panels, then an i-p-j loop (which the JIT
 * auto-vectorizes) runs over cache-sized blocks; row blocks of C run in parallel for large products.
 * The fallback when the Vector API is absent, and the double-precision path. Thread-safe.
 */
final class ScalarGemm implements Gemm {
  private static final int KC = 256;
  private static final int NC = 1024;
  private static final int MR = 16;

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
    for (int j0 = 0; j0 < n; j0 += NC) {
      int nb = Math.min(NC, n - j0);
      for (int p0 = 0; p0 < k; p0 += KC) {
        int kb = Math.min(KC, k - p0);
        float[] panel = new float[kb * nb];
        for (int p = 0; p < kb; p++) {
          int src = bOff + (p0 + p) * bRs + j0 * bCs;
          if (bCs == 1) {
            System.arraycopy(b, src, panel, p * nb, nb);
            continue;
          }
          for (int j = 0; j < nb; j++) {
            panel[p * nb + j] = b[src + j * bCs];
          }
        }
        int rows = (long) m * nb * kb < PARALLEL_WORK ? m : MR;
        int jStart = j0;
        int pStart = p0;
        Parallel.forChunks((m + rows - 1) / rows, blk -> {
          int iEnd = Math.min(m, (blk + 1) * rows);
          for (int i = blk * rows; i < iEnd; i++) {
            int crow = cOff + i * ldc + jStart;
            int arow = aOff + i * aRs + pStart * aCs;
            for (int p = 0; p < kb; p++) {
              float aip = a[arow + p * aCs];
              int prow = p * nb;
              for (int j = 0; j < nb; j++) {
                c[crow + j] += aip * panel[prow + j];
              }
            }
          }
        });
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
    for (int j0 = 0; j0 < n; j0 += NC) {
      int nb = Math.min(NC, n - j0);
      for (int p0 = 0; p0 < k; p0 += KC) {
        int kb = Math.min(KC, k - p0);
        double[] panel = new double[kb * nb];
        for (int p = 0; p < kb; p++) {
          int src = bOff + (p0 + p) * bRs + j0 * bCs;
          if (bCs == 1) {
            System.arraycopy(b, src, panel, p * nb, nb);
            continue;
          }
          for (int j = 0; j < nb; j++) {
            panel[p * nb + j] = b[src + j * bCs];
          }
        }
        int rows = (long) m * nb * kb < PARALLEL_WORK ? m : MR;
        int jStart = j0;
        int pStart = p0;
        Parallel.forChunks((m + rows - 1) / rows, blk -> {
          int iEnd = Math.min(m, (blk + 1) * rows);
          for (int i = blk * rows; i < iEnd; i++) {
            int crow = cOff + i * ldc + jStart;
            int arow = aOff + i * aRs + pStart * aCs;
            for (int p = 0; p < kb; p++) {
              double aip = a[arow + p * aCs];
              int prow = p * nb;
              for (int j = 0; j < nb; j++) {
                c[crow + j] += aip * panel[prow + j];
              }
            }
          }
        });
      }
    }
  }
}
