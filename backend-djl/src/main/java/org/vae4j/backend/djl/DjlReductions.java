package org.vae4j.backend.djl;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import org.vae4j.api.spi.ReduceOp;

/** Reductions over axes and arg-reductions along one axis. Thread-safe. */
final class DjlReductions {
  private final TorchContext ctx;

  DjlReductions(TorchContext ctx) {
    this.ctx = ctx;
  }

  /** Reduces over {@code axes} (sorted, distinct); the result keeps x's type. */
  PtNDArray reduce(ReduceOp op, PtNDArray x, int[] axes, boolean keepDims) {
    if (axes.length == 0) {
      return LibTorch.clone(x);
    }
    PtNDArray reduced = switch (op) {
      case SUM -> LibTorch.sum(x, DTypes.longs(axes), keepDims);
      case MAX, MIN -> extreme(op, x, axes, keepDims);
    };
    if (reduced.getDataType() == x.getDataType()) {
      return reduced;
    }
    try {
      return ctx.cast(reduced, x.getDataType());
    } finally {
      reduced.close();
    }
  }

  /**
   * The sum of the squares of all of {@code x}'s elements, shape {@code ()}: one libtorch {@code dot} of the
   * flattened array with itself (BLAS, accumulated in x's dtype), instead of {@code square} then {@code sum}.
   */
  PtNDArray sumOfSquares(PtNDArray x) {
    if (!x.getDataType().isFloating()) {
      throw new IllegalArgumentException("sumOfSquares: needs a floating dtype, got " + x.getDataType()
          + " " + x.getShape());
    }
    if (x.size() == 0) {
      return LibTorch.sum(x, new long[0], false);
    }
    try (PtNDArray flat = LibTorch.reshape(x, new long[] {-1})) {
      return LibTorch.matmul(flat, flat);
    }
  }

  /**
   * Index of the first largest (MAX) or smallest (MIN) element along {@code axis}, as INT32 with the axis
   * removed; libtorch returns the first index on ties.
   */
  PtNDArray argReduce(ReduceOp op, PtNDArray x, int axis) {
    PtNDArray index = switch (op) {
      case MAX -> LibTorch.argMax(x, axis, false);
      case MIN -> LibTorch.argMin(x, axis, false);
      case SUM -> throw new IllegalArgumentException("argReduce: SUM has no arg-reduction; use MAX or MIN");
    };
    try {
      return ctx.cast(index, DataType.INT32);
    } finally {
      index.close();
    }
  }

  /** libtorch's max/min reduce one axis at a time: the highest first, keeping dims so indices stay valid. */
  private static PtNDArray extreme(ReduceOp op, PtNDArray x, int[] axes, boolean keepDims) {
    try (Scratch s = new Scratch()) {
      PtNDArray current = x;
      for (int i = axes.length - 1; i >= 0; i--) {
        current = s.keep(op == ReduceOp.MAX
            ? LibTorch.max(current, axes[i], true) : LibTorch.min(current, axes[i], true));
      }
      if (keepDims) {
        return LibTorch.reshape(current, current.getShape().getShape());
      }
      long[] dims = x.getShape().getShape();
      long[] kept = new long[dims.length - axes.length];
      for (int a = 0, j = 0, k = 0; a < dims.length; a++) {
        if (j < axes.length && axes[j] == a) {
          j++;
        } else {
          kept[k++] = dims[a];
        }
      }
      return LibTorch.reshape(current, kept);
    }
  }
}
