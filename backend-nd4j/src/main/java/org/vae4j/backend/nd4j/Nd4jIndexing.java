package org.vae4j.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.Shape;

/**
 * {@code torch.gather} and its adjoint scatter-add on native libnd4j kernels, through flat linear indices.
 * Every method returns a fresh 'c'-order array that the caller owns; inputs are read only, have at least one
 * element, and hold indices already checked to be in range (libnd4j would silently use another row's).
 */
final class Nd4jIndexing {

  private Nd4jIndexing() {
  }

  /**
   * {@code torch.gather}: flat position of every selected element of {@code x} (the owner of its memory,
   * so flat reads follow row-major order), then one native gather on the flat array.
   */
  static INDArray gather(INDArray x, Shape xShape, int axis, INDArray index, Shape indexShape) {
    INDArray out = Nd4jOps.alloc(x.dataType(), indexShape);
    INDArray positions = null;
    try {
      positions = linearIndex(index, indexShape, xShape, axis);
      long n = indexShape.size();
      Nd4jOps.call("gather").in(Nd4jOps.view(x, xShape.size()), Nd4jOps.view(positions, n))
          .out(Nd4jOps.view(out, n)).ints(0).run();
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    } finally {
      if (positions != null) {
        positions.close();
      }
    }
  }

  /** Zeros of {@code shape} with each element of {@code src} added at {@code index} along {@code axis}. */
  static INDArray scatterAdd(Shape shape, int axis, INDArray index, INDArray src, Shape srcShape) {
    INDArray out = Nd4jOps.zeros(src.dataType(), shape);
    INDArray positions = null;
    try {
      positions = linearIndex(index, srcShape, shape, axis);
      long n = srcShape.size();
      Nd4jOps.call("unsorted_segment_sum").in(Nd4jOps.view(src, n), Nd4jOps.view(positions, n))
          .out(Nd4jOps.view(out, shape.size())).ints(Math.toIntExact(shape.size())).run();
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    } finally {
      if (positions != null) {
        positions.close();
      }
    }
  }

  /**
   * INT32 array of {@code indexShape}: the row-major position in an array of {@code target} of the element
   * that {@code index} selects along {@code axis} at each position, that is
   * {@code index * stride[axis] + sum over other axes d of (position along d) * stride[d]}, built from one
   * native multiply and one broadcast add of a native {@code range} per other axis.
   */
  static INDArray linearIndex(INDArray index, Shape indexShape, Shape target, int axis) {
    int[] strides = target.strides();
    INDArray positions = Nd4jOps.alloc(DataType.INT32, indexShape);
    try {
      try (INDArray stride = Nd4j.scalar(DataType.INT32, strides[axis])) {
        Nd4jOps.call("multiply").in(index, stride).out(positions).run();
      }
      for (int d = 0; d < indexShape.rank(); d++) {
        int n = indexShape.dim(d);
        if (d == axis || n == 1) {
          continue;
        }
        long[] along = new long[indexShape.rank()];
        java.util.Arrays.fill(along, 1);
        along[d] = n;
        try (INDArray offsets = Nd4jOps.alloc(DataType.INT32, Shape.of(n))) {
          Nd4jOps.call("range").out(offsets).ints(0, n * strides[d], strides[d]).run();
          Nd4jOps.call("add").in(positions, Nd4jOps.view(offsets, along)).out(positions).run();
        }
      }
      return positions;
    } catch (RuntimeException e) {
      positions.close();
      throw e;
    }
  }
}
