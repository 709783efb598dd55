package org.vae4j.api.spi;

import org.vae4j.api.IndexOutOfRangeException;
import org.vae4j.api.Shape;

/**
 * Where {@link Kernels#gather} reads and {@link Kernels#scatterAdd} adds, for backends that compute them in
 * Java: the row-major position in the target (gather's input, scatter-add's output) of each index element,
 * its coordinate along the axis replaced by the index value. Stateless and thread-safe.
 */
public final class GatherPositions {
  private GatherPositions() {
  }

  /**
   * @param op      the operation, for the error
   * @param target  the indexed shape, of the index's rank and no shorter on any axis but {@code axis}
   * @param indexShape the index tensor's shape
   * @param index   its elements, row-major
   * @return one position per index element, row-major over {@code indexShape}
   * @throws IndexOutOfRangeException for the first index outside {@code [0, target.dim(axis))}
   */
  public static int[] of(String op, Shape target, Shape indexShape, int axis, int[] index) {
    int rank = indexShape.rank();
    int[] ts = target.strides();
    int[] dims = indexShape.dims();
    int[] counter = new int[rank];
    int[] out = new int[index.length];
    int base = 0;
    int limit = target.dim(axis);
    for (int i = 0; i < index.length; i++) {
      int j = index[i];
      if (j < 0 || j >= limit) {
        throw new IndexOutOfRangeException(op, j, i, axis, target);
      }
      out[i] = base + j * ts[axis];
      for (int a = rank - 1; a >= 0; a--) {
        if (a != axis) {
          base += ts[a];
        }
        if (++counter[a] < dims[a]) {
          break;
        }
        if (a != axis) {
          base -= dims[a] * ts[a];
        }
        counter[a] = 0;
      }
    }
    return out;
  }
}
