package org.vae4j.backend.pure;

/**
 * Copies a strided view of one array into a strided region of another of the same element type: the
 * single primitive behind permute, expand, slice, pad and concat. Thread-safe.
 */
final class StridedCopy {
  private StridedCopy() {
  }

  /**
   * For every index {@code i} of {@code dims}: {@code dst[dstOffset + i . dstStrides] =
   * src[srcOffset + i . srcStrides]}.
   */
  static void copy(Object src, int srcOffset, int[] srcStrides, Object dst, int dstOffset, int[] dstStrides,
      int[] dims) {
    StridedLoop loop = new StridedLoop(dims, new int[][] {srcStrides, dstStrides}, new int[] {srcOffset, dstOffset});
    int ss = loop.innerStride(0);
    int ds = loop.innerStride(1);
    StridedLoop.Run run;
    if (ss == 1 && ds == 1) {
      run = (p, n) -> System.arraycopy(src, p[0], dst, p[1], n);
    } else if (src instanceof float[] s) {
      float[] d = (float[]) dst;
      run = (p, n) -> {
        for (int i = 0; i < n; i++) {
          d[p[1] + i * ds] = s[p[0] + i * ss];
        }
      };
    } else if (src instanceof double[] s) {
      double[] d = (double[]) dst;
      run = (p, n) -> {
        for (int i = 0; i < n; i++) {
          d[p[1] + i * ds] = s[p[0] + i * ss];
        }
      };
    } else {
      int[] s = (int[]) src;
      int[] d = (int[]) dst;
      run = (p, n) -> {
        for (int i = 0; i < n; i++) {
          d[p[1] + i * ds] = s[p[0] + i * ss];
        }
      };
    }
    loop.forAll(Parallel.ELEMENTWISE_GRAIN, run);
  }
}
