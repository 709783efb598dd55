package org.vae4j.backend.nd4j;

import java.util.List;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Conv2dSpec;

/** Result shapes of the kernels, with errors that name the op and the shapes that do not fit. */
final class Nd4jShapes {

  private Nd4jShapes() {
  }

  static Shape reduced(Shape x, int[] axes, boolean keepDims) {
    int[] dims = x.dims();
    boolean[] reduced = new boolean[dims.length];
    for (int a : axes) {
      reduced[x.normalizeAxis(a)] = true;
    }
    int[] out = new int[dims.length];
    int n = 0;
    for (int i = 0; i < dims.length; i++) {
      if (!reduced[i]) {
        out[n++] = dims[i];
      } else if (keepDims) {
        out[n++] = 1;
      }
    }
    return Shape.of(java.util.Arrays.copyOf(out, n));
  }

  static Shape permuted(Shape x, int[] axes) {
    if (axes.length != x.rank()) {
      throw new IllegalArgumentException("permute: " + axes.length + " axes for shape " + x + " of rank "
          + x.rank());
    }
    int[] out = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      out[i] = x.dim(axes[i]);
    }
    return Shape.of(out);
  }

  static Shape sliced(Shape x, int[] begin, int[] end) {
    int[] out = new int[x.rank()];
    for (int i = 0; i < out.length; i++) {
      if (begin[i] < 0 || begin[i] > end[i] || end[i] > x.dim(i)) {
        throw new IllegalArgumentException("slice: bounds [" + begin[i] + ", " + end[i] + ") on axis " + i
            + " are outside shape " + x);
      }
      out[i] = end[i] - begin[i];
    }
    return Shape.of(out);
  }

  static Shape padded(Shape x, int[] before, int[] after) {
    int[] out = x.dims();
    for (int i = 0; i < out.length; i++) {
      out[i] += before[i] + after[i];
    }
    return Shape.of(out);
  }

  static Shape concatenated(List<Nd4jBuffer> parts, int axis) {
    Shape first = parts.get(0).shape();
    int[] out = first.dims();
    out[axis] = 0;
    for (Nd4jBuffer p : parts) {
      Shape s = p.shape();
      boolean fits = s.rank() == first.rank() && p.dtype() == parts.get(0).dtype();
      for (int i = 0; fits && i < out.length; i++) {
        fits = i == axis || s.dim(i) == first.dim(i);
      }
      if (!fits) {
        throw new IllegalArgumentException("concat: part " + s + " " + p.dtype() + " does not fit " + first
            + " " + parts.get(0).dtype() + " along axis " + axis);
      }
      out[axis] += s.dim(axis);
    }
    return Shape.of(out);
  }

  static Shape matmul(Shape a, Shape b, boolean transposeA, boolean transposeB) {
    if (a.rank() < 2 || b.rank() < 2) {
      throw new IllegalArgumentException("matmul: shapes " + a + " and " + b + " must both have rank >= 2");
    }
    int m = transposeA ? a.dim(-1) : a.dim(-2);
    int ka = transposeA ? a.dim(-2) : a.dim(-1);
    int kb = transposeB ? b.dim(-1) : b.dim(-2);
    int n = transposeB ? b.dim(-2) : b.dim(-1);
    if (ka != kb) {
      throw new IllegalArgumentException("matmul: shapes " + a + (transposeA ? "^T" : "") + " and " + b
          + (transposeB ? "^T" : "") + " do not align on " + ka + " vs " + kb);
    }
    return Shape.broadcast("matmul", a.dropLast(2), b.dropLast(2)).append(m, n);
  }

  static Shape conv2d(Shape input, Shape weight, Conv2dSpec spec) {
    if (input.rank() != 4 || weight.rank() != 4 || input.dim(1) != weight.dim(1)) {
      throw new IllegalArgumentException("conv2d: input " + input + " (N, C, H, W) and weight " + weight
          + " (O, C, KH, KW) do not agree on C");
    }
    int oh = spec.outH(input.dim(2), weight.dim(2));
    int ow = spec.outW(input.dim(3), weight.dim(3));
    if (oh < 1 || ow < 1) {
      throw new IllegalArgumentException("conv2d: kernel " + weight + " with " + spec
          + " does not fit input " + input);
    }
    return Shape.of(input.dim(0), weight.dim(0), oh, ow);
  }

  static void checkConvGradient(String op, Shape input, Shape weight, Shape gradOutput, Conv2dSpec spec) {
    Shape expected = conv2d(input, weight, spec);
    if (!expected.equals(gradOutput)) {
      throw new IllegalArgumentException(op + ": gradOutput " + gradOutput + " is not the conv2d output "
          + expected + " of input " + input + " and weight " + weight + " under " + spec);
    }
  }
}
