package org.vae4j.backend.pure;

/**
 * Dispatches dtype-agnostic array work ({@code float[]} or {@code double[]} passed as Object) to the
 * typed implementation, so that the convolution code is written once.
 */
final class ArrayOps {
  private ArrayOps() {
  }

  static void unfold(Im2col g, Object x, int xOff, Object cols) {
    if (x instanceof float[] f) {
      g.unfold(f, xOff, (float[]) cols);
    } else {
      g.unfold((double[]) x, xOff, (double[]) cols);
    }
  }

  static void foldAdd(Im2col g, Object cols, Object x, int xOff) {
    if (cols instanceof float[] f) {
      g.foldAdd(f, (float[]) x, xOff);
    } else {
      g.foldAdd((double[]) cols, (double[]) x, xOff);
    }
  }

  /** {@link Gemm} on whichever of float[] or double[] the operands are. */
  static void gemm(int m, int n, int k, Object a, int aOff, int aRs, int aCs, Object b, int bOff, int bRs,
      int bCs, Object c, int cOff, int ldc, boolean accumulate) {
    if (a instanceof float[] f) {
      Gemms.get().sgemm(m, n, k, f, aOff, aRs, aCs, (float[]) b, bOff, bRs, bCs, (float[]) c, cOff, ldc,
          accumulate);
    } else {
      Gemms.get().dgemm(m, n, k, (double[]) a, aOff, aRs, aCs, (double[]) b, bOff, bRs, bCs, (double[]) c,
          cOff, ldc, accumulate);
    }
  }

  /** {@code dst += src} elementwise. */
  static void addInto(Object src, Object dst) {
    if (src instanceof float[] s) {
      float[] d = (float[]) dst;
      for (int i = 0; i < s.length; i++) {
        d[i] += s[i];
      }
    } else {
      double[] s = (double[]) src;
      double[] d = (double[]) dst;
      for (int i = 0; i < s.length; i++) {
        d[i] += s[i];
      }
    }
  }
}
