package org.vae4j.backend.pure;

/**
 * Dispatches dtype-agnostic array work ({@code float[]} or {@code double[]} passed as Object) to the
 * typed implementation, so that the convolution code is written once.
 */
final class ArrayOps {
  private ArrayOps() {
  }

  static void unfold(Im2col g, Object x, int xOff, Object cols, int colOff, int ld) {
    if (x instanceof float[] f) {
      g.unfold(f, xOff, (float[]) cols, colOff, ld);
    } else {
      g.unfold((double[]) x, xOff, (double[]) cols, colOff, ld);
    }
  }

  static void foldAdd(Im2col g, Object cols, int colOff, int ld, Object x, int xOff) {
    if (cols instanceof float[] f) {
      g.foldAdd(f, colOff, ld, (float[]) x, xOff);
    } else {
      g.foldAdd((double[]) cols, colOff, ld, (double[]) x, xOff);
    }
  }

  /**
   * Copies images {@code [n0, n0 + count)} of an {@code (N, O, P)} array into an {@code (O, count * P)}
   * matrix (image {@code g} in columns {@code g * P ..}), or back when {@code toMatrix} is false.
   */
  static void regroup(Object nop, int n0, int count, int o, int p, Object matrix, boolean toMatrix) {
    int ld = count * p;
    for (int g = 0; g < count; g++) {
      for (int c = 0; c < o; c++) {
        int batched = ((n0 + g) * o + c) * p;
        int grouped = c * ld + g * p;
        if (toMatrix) {
          System.arraycopy(nop, batched, matrix, grouped, p);
        } else {
          System.arraycopy(matrix, grouped, nop, batched, p);
        }
      }
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

  /** {@code dst[to] = src[from]}, arrays of one element type. */
  static void copyElement(Object src, int from, Object dst, int to) {
    if (src instanceof float[] f) {
      ((float[]) dst)[to] = f[from];
    } else {
      ((double[]) dst)[to] = ((double[]) src)[from];
    }
  }

  /**
   * {@code out[j * rows + i]} = the sum of the {@code parts}' elements {@code i * cols + j}, added in their order
   * (the first one copied, so its bits stand where it is the only one); with {@code rows} 1, a plain sum. Each
   * part is a row-major {@code rows x cols} matrix, at least one is given, and {@code out} is written whole.
   */
  static void transposeSum(Object[] parts, int rows, int cols, Object out) {
    boolean written = false;
    for (Object part : parts) {
      if (out instanceof float[] d) {
        float[] s = (float[]) part;
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            d[j * rows + i] = written ? d[j * rows + i] + s[i * cols + j] : s[i * cols + j];
          }
        }
      } else {
        double[] d = (double[]) out;
        double[] s = (double[]) part;
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            d[j * rows + i] = written ? d[j * rows + i] + s[i * cols + j] : s[i * cols + j];
          }
        }
      }
      written = true;
    }
  }
}
