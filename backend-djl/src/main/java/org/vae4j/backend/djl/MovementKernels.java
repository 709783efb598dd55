package org.vae4j.backend.djl;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import java.util.Arrays;
import java.util.List;
import org.vae4j.api.Shape;

/**
 * Shape and layout kernels on any element type. Several return libtorch views (reshape, permute, expand,
 * slice) that share storage with their input; that is safe because buffers are never written after creation
 * and libtorch keeps shared storage alive until its last handle is deleted. Thread-safe.
 */
final class MovementKernels {
  private final TorchContext ctx;

  MovementKernels(TorchContext ctx) {
    this.ctx = ctx;
  }

  PtNDArray reshape(PtNDArray x, Shape shape) {
    return LibTorch.reshape(x, DTypes.longs(shape.dims()));
  }

  PtNDArray permute(PtNDArray x, int[] axes) {
    return LibTorch.permute(x, DTypes.longs(axes));
  }

  PtNDArray expand(PtNDArray x, Shape shape) {
    return LibTorch.broadcast(x, DTypes.toDjl(shape));
  }

  PtNDArray slice(PtNDArray x, int[] begin, int[] end) {
    if (begin.length == 0) {
      return LibTorch.clone(x);
    }
    long[] step = new long[begin.length];
    Arrays.fill(step, 1);
    return LibTorch.index(x, DTypes.longs(begin), DTypes.longs(end), step, x.getManager());
  }

  /** libtorch's constant pad lists (before, after) pairs from the last axis to the first. */
  PtNDArray pad(PtNDArray x, int[] before, int[] after, double value) {
    int rank = before.length;
    long[] spec = new long[2 * rank];
    for (int i = 0; i < rank; i++) {
      spec[2 * i] = before[rank - 1 - i];
      spec[2 * i + 1] = after[rank - 1 - i];
    }
    return LibTorch.pad(x, spec, value);
  }

  PtNDArray concat(List<PtNDArray> parts, int axis) {
    return LibTorch.cat(parts.toArray(new PtNDArray[0]), axis);
  }

  PtNDArray cast(PtNDArray x, DataType type) {
    return ctx.cast(x, type);
  }
}
