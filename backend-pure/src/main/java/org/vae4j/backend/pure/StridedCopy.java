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
    if (src instanceof float[] s && loop.isBatchedTranspose()) {
      transposeBlocks(s, (float[]) dst, (int) loop.size(), loop.transposeRows(), loop.runLength());
      return;
    }
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

  /** Side of the square tiles {@link #transposeBlocks} moves at a time (two 4 KiB tiles stay in L1). */
  private static final int TILE = 32;

  /**
   * {@code dst[b][r][c] = src[b][c][r]} for blocks of {@code rows x cols} (moving a channel axis last, or back):
   * tile by tile, so that the strided side of the copy stays in the first-level cache instead of touching a new
   * line for every element; blocks in parallel.
   */
  private static void transposeBlocks(float[] src, float[] dst, int size, int rows, int cols) {
    int block = rows * cols;
    if (block == 0) {
      return;
    }
    int batches = size / block;
    Parallel.forRange(batches, Math.max(1, Parallel.ELEMENTWISE_GRAIN / block), (from, to) -> {
      for (int b = (int) from; b < to; b++) {
        int base = b * block;
        for (int r0 = 0; r0 < rows; r0 += TILE) {
          int r1 = Math.min(rows, r0 + TILE);
          for (int c0 = 0; c0 < cols; c0 += TILE) {
            int c1 = Math.min(cols, c0 + TILE);
            for (int r = r0; r < r1; r++) {
              for (int c = c0, o = base + r * cols + c0, i = base + c0 * rows + r; c < c1; c++, o++, i += rows) {
                dst[o] = src[i];
              }
            }
          }
        }
      }
    });
  }
}
