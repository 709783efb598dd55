package org.vae4j.backend.nd4j;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vae4j.api.Shape;

/**
 * Movement ops on native libnd4j kernels: broadcast, permute, slice, pad and concat. Every method returns a fresh 'c'-order
 * array that the caller owns; inputs are read only and have at least one element unless stated.
 */
final class Nd4jMovement {

  private Nd4jMovement() {
  }

  /**
   * {@code x} (contiguous) broadcast to {@code shape} (which it broadcasts to), as a fresh array: libnd4j's
   * legacy broadcast copy along the axes x keeps (its other axes have size 1), which runs specialised loops;
   * its {@code tile} computes every element's offset on its own and is 15-30 times slower at (128, 784).
   */
  static INDArray expand(INDArray x, Shape shape) {
    int rank = shape.rank();
    int offset = rank - x.rank();
    int[] kept = new int[rank];
    long[] keptDims = new long[rank];
    int k = 0;
    for (int i = 0; i < rank; i++) {
      long dim = i < offset ? 1 : x.size(i - offset);
      if (dim == shape.dim(i) && dim != 1) {
        keptDims[k] = dim;
        kept[k++] = i;
      }
    }
    INDArray out = Nd4jOps.alloc(x.dataType(), shape);
    if (shape.size() == 0) {
      return out;
    }
    try {
      if (k == 0) {
        out.assign(x.getDouble(0));
      } else {
        INDArray source = Nd4jOps.view(x, java.util.Arrays.copyOf(keptDims, k));
        Nd4jOps.exec("expand", new BroadcastCopyOp(out, source, out, java.util.Arrays.copyOf(kept, k)));
      }
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** Result axis i is input axis {@code axes[i]}. */
  static INDArray permute(INDArray x, int[] axes) {
    return x.rank() < 2 ? x.dup('c') : x.permute(axes).dup('c');
  }

  /** Elements {@code begin[i] <= j < end[i]} on every axis; the result shape is non-empty. */
  static INDArray slice(INDArray x, int[] begin, int[] end, Shape shape) {
    if (x.rank() == 0) {
      return x.dup('c');
    }
    int rank = begin.length;
    int[] args = new int[2 * rank];
    for (int i = 0; i < rank; i++) {
      args[i] = begin[i];
      args[rank + i] = end[i] - begin[i];
    }
    INDArray out = Nd4jOps.alloc(x.dataType(), shape);
    try {
      Nd4jOps.call("slice").in(x).out(out).ints(args).run();
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** {@code x} (of {@code inShape}, possibly empty) surrounded by {@code value}; the result is non-empty. */
  static INDArray pad(INDArray x, Shape inShape, int[] before, Shape shape, double value) {
    INDArray out = Nd4jOps.full(x.dataType(), shape, value);
    if (inShape.size() == 0) {
      return out;
    }
    try {
      if (shape.rank() == 0) {
        out.assign(x);
        return out;
      }
      INDArrayIndex[] interior = new INDArrayIndex[shape.rank()];
      for (int i = 0; i < interior.length; i++) {
        interior[i] = NDArrayIndex.interval(before[i], before[i] + inShape.dim(i));
      }
      out.get(interior).assign(x);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** Joins non-empty {@code parts} along {@code axis} into a result of {@code shape}. */
  static INDArray concat(List<INDArray> parts, int axis, Shape shape) {
    if (parts.size() == 1) {
      return parts.get(0).dup('c');
    }
    INDArray out = Nd4jOps.alloc(parts.get(0).dataType(), shape);
    try {
      Nd4jOps.call("concat").in(parts.toArray(new INDArray[0])).out(out).ints(axis).run();
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }
}
