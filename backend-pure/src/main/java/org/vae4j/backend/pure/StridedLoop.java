package org.vae4j.backend.pure;

import org.vae4j.api.Shape;

/**
 * Walks several arrays in lock step over one logical index space, each array with its own offset and
 * strides (a stride of 0 repeats an element, which is how broadcasting and reduction are expressed).
 * Adjacent axes that are contiguous in every array are merged first, so that same-shape elementwise work
 * becomes one run. Immutable and thread-safe; each call of {@link #forRange} keeps its own counters.
 */
final class StridedLoop {
  private final int[] dims;
  private final int[][] strides;
  private final int[] offsets;
  private final long size;

  /** Called once per run of consecutive elements along the innermost axis. */
  interface Run {
    /**
     * @param pos start position of the run in each array (the array is reused; do not keep it)
     * @param n   number of elements in the run
     */
    void run(int[] pos, int n);
  }

  /**
   * @param dims    the index space, outermost first
   * @param strides per array, one stride per axis of {@code dims}
   * @param offsets per array, the position of index (0, ..., 0)
   */
  StridedLoop(int[] dims, int[][] strides, int[] offsets) {
    int k = strides.length;
    int rank = 0;
    int[] d = new int[Math.max(1, dims.length)];
    int[][] s = new int[k][d.length];
    long n = 1;
    for (int a = 0; a < dims.length; a++) {
      n *= dims[a];
      if (dims[a] == 1) {
        continue;
      }
      if (rank > 0 && mergeable(dims[a], strides, a, s, rank - 1)) {
        d[rank - 1] *= dims[a];
        for (int j = 0; j < k; j++) {
          s[j][rank - 1] = strides[j][a];
        }
        continue;
      }
      d[rank] = dims[a];
      for (int j = 0; j < k; j++) {
        s[j][rank] = strides[j][a];
      }
      rank++;
    }
    if (rank == 0) {
      d[0] = 1;
      rank = 1;
    }
    this.dims = java.util.Arrays.copyOf(d, rank);
    this.strides = new int[k][];
    for (int j = 0; j < k; j++) {
      this.strides[j] = java.util.Arrays.copyOf(s[j], rank);
    }
    this.offsets = offsets.clone();
    this.size = n;
  }

  private static boolean mergeable(int dim, int[][] strides, int a, int[][] merged, int prev) {
    for (int j = 0; j < strides.length; j++) {
      if (merged[j][prev] != (long) strides[j][a] * dim) {
        return false;
      }
    }
    return true;
  }

  /** Strides that broadcast an array of {@code shape} (row-major) over {@code target}, 0 on repeated axes. */
  static int[] broadcastStrides(Shape shape, int[] target) {
    int[] own = shape.strides();
    int[] r = new int[target.length];
    int off = target.length - shape.rank();
    for (int a = 0; a < shape.rank(); a++) {
      r[a + off] = shape.dim(a) == 1 ? 0 : own[a];
    }
    return r;
  }

  /** Number of positions in the index space. */
  long size() {
    return size;
  }

  /** The stride of array {@code j} along the innermost (merged) axis: the step within one run. */
  int innerStride(int j) {
    return strides[j][dims.length - 1];
  }

  /**
   * Whether this is a batch of transposes between two arrays: merged axes {@code (batch, rows, cols)} or
   * {@code (rows, cols)}, array 1 contiguous and array 0 reading each {@code rows x cols} block column-major
   * (stride 1 along rows, {@code rows} along cols), both starting at 0. Then {@link #runLength()} is cols and
   * {@link #transposeRows()} rows.
   */
  boolean isBatchedTranspose() {
    int r = dims.length;
    if (strides.length != 2 || r < 2 || r > 3 || offsets[0] != 0 || offsets[1] != 0) {
      return false;
    }
    int rows = dims[r - 2];
    int cols = dims[r - 1];
    boolean batchOk = r == 2 || (strides[0][0] == rows * cols && strides[1][0] == rows * cols);
    return batchOk && strides[0][r - 2] == 1 && strides[0][r - 1] == rows && strides[1][r - 2] == cols
        && strides[1][r - 1] == 1;
  }

  /** The rows of each block of a {@link #isBatchedTranspose() batched transpose}. */
  int transposeRows() {
    return dims[dims.length - 2];
  }

  /** The number of elements in one run: the length of the innermost (merged) axis. */
  int runLength() {
    return dims[dims.length - 1];
  }

  /** Visits the positions {@code [from, to)} in row-major order as runs. */
  void forRange(long from, long to, Run run) {
    if (from >= to) {
      return;
    }
    int rank = dims.length;
    int k = strides.length;
    int inner = dims[rank - 1];
    int[] counter = new int[rank];
    int[] rowPos = offsets.clone();
    long outer = from / inner;
    int start = (int) (from % inner);
    for (int a = rank - 2; a >= 0; a--) {
      counter[a] = (int) (outer % dims[a]);
      outer /= dims[a];
      for (int j = 0; j < k; j++) {
        rowPos[j] += counter[a] * strides[j][a];
      }
    }
    int[] pos = new int[k];
    long remaining = to - from;
    while (true) {
      int n = (int) Math.min(inner - start, remaining);
      for (int j = 0; j < k; j++) {
        pos[j] = rowPos[j] + start * strides[j][rank - 1];
      }
      run.run(pos, n);
      remaining -= n;
      if (remaining == 0) {
        return;
      }
      start = 0;
      for (int a = rank - 2; a >= 0; a--) {
        for (int j = 0; j < k; j++) {
          rowPos[j] += strides[j][a];
        }
        if (++counter[a] < dims[a]) {
          break;
        }
        counter[a] = 0;
        for (int j = 0; j < k; j++) {
          rowPos[j] -= dims[a] * strides[j][a];
        }
      }
    }
  }

  /** Visits every position, in parallel ranges when there are more than {@code grain} of them. */
  void forAll(long grain, Run run) {
    Parallel.forRange(size, grain, (from, to) -> forRange(from, to, run));
  }
}
