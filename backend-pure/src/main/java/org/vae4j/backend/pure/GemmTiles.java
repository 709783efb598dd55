package org.vae4j.backend.pure;

/**
 * Splits an {@code m x n} product into a grid of independent tiles of C for parallel work: row bounds
 * aligned to the micro-kernel's rows, column bounds to its panel width. Starting from cache-sized blocks,
 * rows are halved (then, for very short products, columns) until there are about two tiles per thread:
 * B is packed once for all tiles, but each tile packs the rows of A it needs for every column block it
 * covers, so splitting rows repeats no packing. Immutable.
 */
record GemmTiles(int[] rowBounds, int[] colBounds) {

  static GemmTiles of(int m, int n, int k, int mr, int nr, int maxRows, int maxCols) {
    boolean parallel = (long) m * n * k >= Gemm.PARALLEL_WORK && Parallel.threads() > 1;
    int rb = Math.max(1, ceilDiv(m, maxRows));
    int cb = Math.max(1, ceilDiv(n, maxCols));
    int target = parallel ? 2 * Parallel.threads() : 1;
    while (rb * cb < target) {
      if (ceilDiv(m, rb) >= 2 * mr) {
        rb *= 2;
      } else if (ceilDiv(n, cb) >= 2 * nr) {
        cb *= 2;
      } else {
        break;
      }
    }
    return new GemmTiles(bounds(m, rb, mr), bounds(n, cb, nr));
  }

  /** {@code parts + 1} ascending bounds from 0 to {@code size}, inner bounds multiples of {@code align}. */
  private static int[] bounds(int size, int parts, int align) {
    int units = ceilDiv(size, align);
    parts = Math.max(1, Math.min(parts, units));
    int[] b = new int[parts + 1];
    for (int i = 1; i < parts; i++) {
      b[i] = (int) ((long) units * i / parts) * align;
    }
    b[parts] = size;
    return b;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  int count() {
    return (rowBounds.length - 1) * (colBounds.length - 1);
  }

  int rowStart(int tile) {
    return rowBounds[tile / (colBounds.length - 1)];
  }

  int rowEnd(int tile) {
    return rowBounds[tile / (colBounds.length - 1) + 1];
  }

  int colStart(int tile) {
    return colBounds[tile % (colBounds.length - 1)];
  }

  int colEnd(int tile) {
    return colBounds[tile % (colBounds.length - 1) + 1];
  }
}
