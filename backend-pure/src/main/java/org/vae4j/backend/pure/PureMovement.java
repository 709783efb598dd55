package org.vae4j.backend.pure;

import java.util.List;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;

/** Reshape, permute, expand, slice, pad, concat and cast, for every dtype; each result is a new copy. */
final class PureMovement {
  private PureMovement() {
  }

  static PureBuffer reshape(PureBuffer x, Shape shape) {
    if (shape.size() != x.shape().size()) {
      throw new IllegalArgumentException("reshape: " + x.shape() + " has " + x.shape().size()
          + " elements but " + shape + " has " + shape.size());
    }
    return new PureBuffer(copyOf(x.data("reshape")), shape, x.dtype());
  }

  static PureBuffer permute(PureBuffer x, int[] axes) {
    Shape in = x.shape();
    if (axes.length != in.rank()) {
      throw new IllegalArgumentException("permute: " + axes.length + " axes given for shape " + in);
    }
    int[] inStrides = in.strides();
    int[] dims = new int[axes.length];
    int[] srcStrides = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      dims[i] = in.dim(axes[i]);
      srcStrides[i] = inStrides[axes[i]];
    }
    Shape shape = Shape.of(dims);
    Object out = TypedArrays.uninitialized(x.dtype(), shape.sizeAsInt());
    StridedCopy.copy(x.data("permute"), 0, srcStrides, out, 0, shape.strides(), dims);
    return new PureBuffer(out, shape, x.dtype());
  }

  static PureBuffer expand(PureBuffer x, Shape shape) {
    if (!x.shape().broadcastsTo(shape)) {
      throw new IllegalArgumentException("expand: " + x.shape() + " does not broadcast to " + shape);
    }
    int[] dims = shape.dims();
    Object out = TypedArrays.uninitialized(x.dtype(), shape.sizeAsInt());
    StridedCopy.copy(x.data("expand"), 0, StridedLoop.broadcastStrides(x.shape(), dims), out, 0,
        shape.strides(), dims);
    return new PureBuffer(out, shape, x.dtype());
  }

  static PureBuffer slice(PureBuffer x, int[] begin, int[] end) {
    Shape in = x.shape();
    int rank = in.rank();
    int[] dims = new int[rank];
    int offset = 0;
    int[] strides = in.strides();
    for (int a = 0; a < rank; a++) {
      if (begin[a] < 0 || begin[a] > end[a] || end[a] > in.dim(a)) {
        throw new IllegalArgumentException("slice: bounds [" + begin[a] + ", " + end[a] + ") on axis " + a
            + " are outside shape " + in);
      }
      dims[a] = end[a] - begin[a];
      offset += begin[a] * strides[a];
    }
    Shape shape = Shape.of(dims);
    Object out = TypedArrays.uninitialized(x.dtype(), shape.sizeAsInt());
    StridedCopy.copy(x.data("slice"), offset, strides, out, 0, shape.strides(), dims);
    return new PureBuffer(out, shape, x.dtype());
  }

  static PureBuffer pad(PureBuffer x, int[] before, int[] after, double value) {
    Shape in = x.shape();
    int rank = in.rank();
    int[] dims = new int[rank];
    for (int a = 0; a < rank; a++) {
      if (before[a] < 0 || after[a] < 0) {
        throw new IllegalArgumentException("pad: negative padding " + before[a] + ", " + after[a]
            + " on axis " + a + " of " + in);
      }
      dims[a] = in.dim(a) + before[a] + after[a];
    }
    Shape shape = Shape.of(dims);
    int[] outStrides = shape.strides();
    int offset = 0;
    for (int a = 0; a < rank; a++) {
      offset += before[a] * outStrides[a];
    }
    Object out = TypedArrays.filled(x.dtype(), shape.sizeAsInt(), value);
    StridedCopy.copy(x.data("pad"), 0, in.strides(), out, offset, outStrides, in.dims());
    return new PureBuffer(out, shape, x.dtype());
  }

  static PureBuffer concat(List<Buffer> parts, int axis) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("concat: no parts given");
    }
    PureBuffer first = PureBuffer.check(parts.get(0), "concat");
    int[] dims = first.shape().dims();
    int total = 0;
    for (Buffer b : parts) {
      PureBuffer p = PureBuffer.check(b, "concat");
      Shape s = p.shape();
      boolean agree = s.rank() == dims.length && p.dtype() == first.dtype();
      for (int a = 0; agree && a < dims.length; a++) {
        agree = a == axis || s.dim(a) == dims[a];
      }
      if (!agree) {
        throw new IllegalArgumentException("concat: part " + p + " does not match " + first
            + " on every axis but " + axis);
      }
      total += s.dim(axis);
    }
    dims[axis] = total;
    Shape shape = Shape.of(dims);
    int[] outStrides = shape.strides();
    Object out = TypedArrays.uninitialized(first.dtype(), shape.sizeAsInt());
    int at = 0;
    for (Buffer b : parts) {
      PureBuffer p = (PureBuffer) b;
      StridedCopy.copy(p.data("concat"), 0, p.shape().strides(), out, at * outStrides[axis], outStrides,
          p.shape().dims());
      at += p.shape().dim(axis);
    }
    return new PureBuffer(out, shape, first.dtype());
  }

  static PureBuffer cast(PureBuffer x, DType dtype) {
    Object data = x.data("cast");
    Object out = x.dtype() == dtype ? copyOf(data) : TypedArrays.convert(data, dtype);
    return new PureBuffer(out, x.shape(), dtype);
  }

  /** A copy of {@code data} in an array from the {@link ArrayPool}. */
  static Object copyOf(Object data) {
    int n = java.lang.reflect.Array.getLength(data);
    Object copy = data instanceof float[] ? ArrayPool.floats(n) : data instanceof double[] ? ArrayPool.doubles(n)
        : ArrayPool.ints(n);
    System.arraycopy(data, 0, copy, 0, n);
    return copy;
  }
}
