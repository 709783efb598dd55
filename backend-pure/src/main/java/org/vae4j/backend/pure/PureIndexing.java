package org.vae4j.backend.pure;

import org.vae4j.api.Shape;
import org.vae4j.api.spi.GatherPositions;

/** {@code gather} and its adjoint {@code scatterAdd} along one axis, as in PyTorch. Thread-safe. */
final class PureIndexing {
  private PureIndexing() {
  }

  static PureBuffer gather(PureBuffer x, int axis, PureBuffer index) {
    String name = "gather";
    Shape xs = x.shape();
    Shape is = index.shape();
    checkIndexShape(name, xs, is, axis);
    int[] idx = indices(name, index);
    int n = idx.length;
    int[] xOffsets = GatherPositions.of(name, xs, is, axis, idx);
    Object src = x.data(name);
    Object out = TypedArrays.uninitialized(x.dtype(), n);
    if (src instanceof float[] f) {
      float[] o = (float[]) out;
      for (int i = 0; i < n; i++) {
        o[i] = f[xOffsets[i]];
      }
    } else if (src instanceof double[] d) {
      double[] o = (double[]) out;
      for (int i = 0; i < n; i++) {
        o[i] = d[xOffsets[i]];
      }
    } else {
      int[] s = (int[]) src;
      int[] o = (int[]) out;
      for (int i = 0; i < n; i++) {
        o[i] = s[xOffsets[i]];
      }
    }
    return new PureBuffer(out, is, x.dtype());
  }

  static PureBuffer scatterAdd(Shape shape, int axis, PureBuffer index, PureBuffer src) {
    String name = "scatterAdd";
    if (!index.shape().equals(src.shape())) {
      throw new IllegalArgumentException(name + ": index " + index.shape() + " and src " + src.shape()
          + " must have the same shape");
    }
    checkIndexShape(name, shape, index.shape(), axis);
    int[] idx = indices(name, index);
    int[] offsets = GatherPositions.of(name, shape, index.shape(), axis, idx);
    Object s = src.data(name);
    Object out = TypedArrays.allocate(src.dtype(), shape.sizeAsInt());
    int n = idx.length;
    if (s instanceof float[] f) {
      float[] o = (float[]) out;
      for (int i = 0; i < n; i++) {
        o[offsets[i]] += f[i];
      }
    } else if (s instanceof double[] d) {
      double[] o = (double[]) out;
      for (int i = 0; i < n; i++) {
        o[offsets[i]] += d[i];
      }
    } else {
      int[] v = (int[]) s;
      int[] o = (int[]) out;
      for (int i = 0; i < n; i++) {
        o[offsets[i]] += v[i];
      }
    }
    return new PureBuffer(out, shape, src.dtype());
  }

  private static int[] indices(String name, PureBuffer index) {
    if (index.dtype() != org.vae4j.api.DType.INT32) {
      throw new IllegalArgumentException(name + ": index must be INT32, got " + index.dtype() + " "
          + index.shape() + "; cast it first");
    }
    return index.ints(name);
  }

  private static void checkIndexShape(String name, Shape target, Shape index, int axis) {
    boolean ok = target.rank() == index.rank() && axis >= 0 && axis < target.rank();
    for (int a = 0; ok && a < target.rank(); a++) {
      ok = a == axis || index.dim(a) <= target.dim(a);
    }
    if (!ok) {
      throw new IllegalArgumentException(name + ": index " + index + " must have the rank of " + target
          + " and be no longer on every axis but " + axis);
    }
  }
}
