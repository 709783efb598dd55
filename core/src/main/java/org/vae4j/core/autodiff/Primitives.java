package org.vae4j.core.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.api.spi.Kernels;
import org.vae4j.api.spi.Op;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.StructuralOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * Every primitive op on tensors: checks its arguments, calls the backend kernel and records the op on the
 * tape when an input requires a gradient and recording is on. Everything else in vae4j is composed of
 * these. Argument errors name the op and the shapes, dtypes or axes involved. Every result is a new tensor:
 * an identity (a reshape or expand to the same shape, a cast to the same dtype, a reduction over no axes)
 * shares its input's buffer instead of copying it, and is closed independently of it.
 */
public final class Primitives {
  private Primitives() {
  }

  // ---- elementwise ------------------------------------------------------------------------------------

  public static TapeTensor unary(UnaryOp op, Tensor x) {
    TapeTensor a = TapeTensor.of(x);
    requireFloat(name(op), a);
    return record(a.kernels(), a.kernels().unary(op, a.buffer()), op, null, a);
  }

  public static TapeTensor binary(BinaryOp op, Tensor x, Tensor y) {
    TapeTensor a = TapeTensor.of(x);
    TapeTensor b = TapeTensor.of(y);
    String name = name(op);
    sameKernels(name, a, b);
    sameDType(name, a, b);
    if (!a.dtype().isFloatingPoint() && !BinaryOp.ACCEPTS_INT32.contains(op)) {
      throw new IllegalArgumentException(name + ": not defined for " + a.dtype() + " operands; cast to FLOAT32"
          + " or FLOAT64 first");
    }
    Shape.broadcast(name, a.shape(), b.shape());
    Buffer out = a.kernels().binary(op, a.buffer(), b.buffer());
    return record(a.kernels(), out, op, null, a, b);
  }

  public static TapeTensor where(Tensor condition, Tensor ifTrue, Tensor ifFalse) {
    TapeTensor c = TapeTensor.of(condition);
    TapeTensor t = TapeTensor.of(ifTrue);
    TapeTensor f = TapeTensor.of(ifFalse);
    sameKernels("where", c, t);
    sameKernels("where", t, f);
    sameDType("where", t, f);
    Shape.broadcast("where", Shape.broadcast("where", c.shape(), t.shape()), f.shape());
    Buffer out = c.kernels().where(c.buffer(), t.buffer(), f.buffer());
    return record(c.kernels(), out, StructuralOp.WHERE, null, c, t, f);
  }

  // ---- reductions ---------------------------------------------------------------------------------------

  public static TapeTensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
    TapeTensor a = TapeTensor.of(x);
    String name = "reduce " + name(op);
    requireFloat(name, a);
    int[] norm = normalizeAxes(name, a.shape(), axes);
    if (norm.length == 0) {
      return TapeTensor.alias(a, StructuralOp.RESHAPE);
    }
    Buffer out = a.kernels().reduce(op, a.buffer(), norm, keepDims);
    return record(a.kernels(), out, op, new Node.ReduceAttrs(norm, keepDims), a);
  }

  public static TapeTensor argReduce(ReduceOp op, Tensor x, int axis) {
    TapeTensor a = TapeTensor.of(x);
    if (op == ReduceOp.SUM) {
      throw new IllegalArgumentException("argReduce: SUM has no index; use MAX or MIN");
    }
    int ax = a.shape().normalizeAxis(axis);
    return TapeTensor.constant(a.kernels(), a.kernels().argReduce(op, a.buffer(), ax));
  }

  // ---- movement -----------------------------------------------------------------------------------------

  public static TapeTensor reshape(Tensor x, Shape shape) {
    TapeTensor a = TapeTensor.of(x);
    if (shape.size() != a.size()) {
      throw new IllegalArgumentException("reshape: cannot reshape " + a.shape() + " (" + a.size()
          + " elements) to " + shape + " (" + shape.size() + " elements)");
    }
    if (shape.equals(a.shape())) {
      return TapeTensor.alias(a, StructuralOp.RESHAPE);
    }
    return record(a.kernels(), a.kernels().reshape(a.buffer(), shape), StructuralOp.RESHAPE, null, a);
  }

  public static TapeTensor permute(Tensor x, int[] axes) {
    TapeTensor a = TapeTensor.of(x);
    int rank = a.rank();
    boolean[] seen = new boolean[rank];
    int[] norm = new int[axes.length];
    boolean valid = axes.length == rank;
    for (int i = 0; valid && i < rank; i++) {
      int ax = axes[i] < 0 ? axes[i] + rank : axes[i];
      valid = ax >= 0 && ax < rank && !seen[ax];
      if (valid) {
        seen[ax] = true;
        norm[i] = ax;
      }
    }
    if (!valid) {
      throw new IllegalArgumentException("permute: " + Arrays.toString(axes) + " is not a permutation of the "
          + rank + " axes of " + a.shape());
    }
    return record(a.kernels(), a.kernels().permute(a.buffer(), norm), StructuralOp.PERMUTE, norm, a);
  }

  public static TapeTensor expand(Tensor x, Shape shape) {
    TapeTensor a = TapeTensor.of(x);
    if (!a.shape().broadcastsTo(shape)) {
      throw new IllegalArgumentException("expand: shape " + a.shape() + " cannot be broadcast to " + shape);
    }
    if (shape.equals(a.shape())) {
      return TapeTensor.alias(a, StructuralOp.EXPAND);
    }
    return record(a.kernels(), a.kernels().expand(a.buffer(), shape), StructuralOp.EXPAND, null, a);
  }

  public static TapeTensor slice(Tensor x, int[] begin, int[] end) {
    TapeTensor a = TapeTensor.of(x);
    for (int i = 0; i < a.rank(); i++) {
      if (begin[i] < 0 || end[i] > a.dim(i) || begin[i] > end[i]) {
        throw new IllegalArgumentException("slice: range [" + begin[i] + ", " + end[i] + ") on axis " + i
            + " is outside shape " + a.shape());
      }
    }
    Buffer out = a.kernels().slice(a.buffer(), begin.clone(), end.clone());
    return record(a.kernels(), out, StructuralOp.SLICE, new int[][] {begin.clone(), end.clone()}, a);
  }

  public static TapeTensor pad(Tensor x, int[] before, int[] after, double value) {
    TapeTensor a = TapeTensor.of(x);
    if (before.length != a.rank() || after.length != a.rank()) {
      throw new IllegalArgumentException("pad: need " + a.rank() + " before/after sizes for shape " + a.shape()
          + ", got " + Arrays.toString(before) + " and " + Arrays.toString(after));
    }
    for (int i = 0; i < before.length; i++) {
      if (before[i] < 0 || after[i] < 0) {
        throw new IllegalArgumentException("pad: sizes must be >= 0, got " + Arrays.toString(before) + " and "
            + Arrays.toString(after));
      }
    }
    Buffer out = a.kernels().pad(a.buffer(), before.clone(), after.clone(), value);
    return record(a.kernels(), out, StructuralOp.PAD, new int[][] {before.clone(), after.clone()}, a);
  }

  public static TapeTensor concat(List<? extends Tensor> parts, int axis) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("concat: no tensors given");
    }
    TapeTensor[] ts = new TapeTensor[parts.size()];
    List<Buffer> buffers = new ArrayList<>(ts.length);
    for (int i = 0; i < ts.length; i++) {
      ts[i] = TapeTensor.of(parts.get(i));
      buffers.add(ts[i].buffer());
    }
    Shape first = ts[0].shape();
    int ax = first.normalizeAxis(axis);
    for (TapeTensor t : ts) {
      sameKernels("concat", ts[0], t);
      sameDType("concat", ts[0], t);
      boolean ok = t.rank() == first.rank();
      for (int i = 0; ok && i < first.rank(); i++) {
        ok = i == ax || t.dim(i) == first.dim(i);
      }
      if (!ok) {
        throw new IllegalArgumentException("concat: shapes " + first + " and " + t.shape()
            + " differ on an axis other than " + ax);
      }
    }
    Buffer out = ts[0].kernels().concat(buffers, ax);
    return record(ts[0].kernels(), out, StructuralOp.CONCAT, ax, ts);
  }

  public static TapeTensor gather(Tensor x, int axis, Tensor index) {
    TapeTensor a = TapeTensor.of(x);
    TapeTensor idx = TapeTensor.of(index);
    sameKernels("gather", a, idx);
    int ax = a.shape().normalizeAxis(axis);
    checkIndex("gather", a.shape(), ax, idx);
    Buffer out = a.kernels().gather(a.buffer(), ax, idx.buffer());
    return record(a.kernels(), out, StructuralOp.GATHER, ax, a, idx);
  }

  public static TapeTensor scatterAdd(Tensor src, Shape shape, int axis, Tensor index) {
    TapeTensor s = TapeTensor.of(src);
    TapeTensor idx = TapeTensor.of(index);
    sameKernels("scatterAdd", s, idx);
    int ax = shape.normalizeAxis(axis);
    checkIndex("scatterAdd", shape, ax, idx);
    if (!idx.shape().equals(s.shape())) {
      throw new IllegalArgumentException("scatterAdd: index shape " + idx.shape() + " differs from source shape "
          + s.shape());
    }
    Buffer out = s.kernels().scatterAdd(shape, ax, idx.buffer(), s.buffer());
    return record(s.kernels(), out, StructuralOp.SCATTER_ADD, ax, s, idx);
  }

  public static TapeTensor cast(Tensor x, DType dtype) {
    TapeTensor a = TapeTensor.of(x);
    if (a.dtype() == dtype) {
      return TapeTensor.alias(a, StructuralOp.CAST);
    }
    Buffer out = a.kernels().cast(a.buffer(), dtype);
    if (!dtype.isFloatingPoint() || !a.dtype().isFloatingPoint()) {
      return TapeTensor.constant(a.kernels(), out);
    }
    return record(a.kernels(), out, StructuralOp.CAST, null, a);
  }

  // ---- linear algebra ----------------------------------------------------------------------------------

  /** {@code op(a) @ op(b)} where op transposes the last two axes when asked. */
  public static TapeTensor matmul(Tensor x, Tensor y, boolean transposeA, boolean transposeB) {
    TapeTensor a = TapeTensor.of(x);
    TapeTensor b = TapeTensor.of(y);
    sameKernels("matmul", a, b);
    sameDType("matmul", a, b);
    requireFloat("matmul", a);
    if (a.rank() < 2 || b.rank() < 2) {
      throw new IllegalArgumentException("matmul: both operands need rank >= 2, got shapes " + a.shape()
          + " and " + b.shape() + "; reshape a vector to (1, n) or (n, 1)");
    }
    int ka = transposeA ? a.dim(-2) : a.dim(-1);
    int kb = transposeB ? b.dim(-1) : b.dim(-2);
    if (ka != kb) {
      throw new IllegalArgumentException("matmul: shapes " + a.shape() + (transposeA ? "^T" : "") + " and "
          + b.shape() + (transposeB ? "^T" : "") + " do not align on " + ka + " vs " + kb);
    }
    Shape.broadcast("matmul (batch axes)", a.shape().dropLast(2), b.shape().dropLast(2));
    Buffer out = a.kernels().matmul(a.buffer(), b.buffer(), transposeA, transposeB);
    return record(a.kernels(), out, StructuralOp.MATMUL, new boolean[] {transposeA, transposeB}, a, b);
  }

  public static TapeTensor conv2d(Tensor input, Tensor weight, Conv2dSpec spec) {
    TapeTensor x = TapeTensor.of(input);
    TapeTensor w = TapeTensor.of(weight);
    checkConv("conv2d", x, w);
    if (x.dim(1) != w.dim(1)) {
      throw new IllegalArgumentException("conv2d: input " + x.shape() + " has " + x.dim(1)
          + " channels but weight " + w.shape() + " expects " + w.dim(1));
    }
    int oh = spec.outH(x.dim(2), w.dim(2));
    int ow = spec.outW(x.dim(3), w.dim(3));
    if (oh < 1 || ow < 1) {
      throw new IllegalArgumentException("conv2d: input " + x.shape() + " is too small for kernel " + w.shape()
          + " with " + spec);
    }
    return record(x.kernels(), x.kernels().conv2d(x.buffer(), w.buffer(), spec), StructuralOp.CONV2D, spec, x, w);
  }

  /**
   * The input-gradient of conv2d, which is also a transposed convolution: {@code gradOutput (N, O, OH, OW)}
   * and weight {@code (O, C, KH, KW)} give {@code inputShape (N, C, H, W)}.
   */
  public static TapeTensor conv2dBackwardInput(Tensor gradOutput, Tensor weight, Shape inputShape,
      Conv2dSpec spec) {
    TapeTensor g = TapeTensor.of(gradOutput);
    TapeTensor w = TapeTensor.of(weight);
    checkConv("conv2dBackwardInput", g, w);
    checkConvGeometry("conv2dBackwardInput", inputShape, w.shape(), g.shape(), spec);
    Buffer out = g.kernels().conv2dBackwardInput(g.buffer(), w.buffer(), inputShape, spec);
    return record(g.kernels(), out, StructuralOp.CONV2D_BACKWARD_INPUT, spec, g, w);
  }

  /** The weight-gradient of conv2d: input {@code (N, C, H, W)}, gradOutput {@code (N, O, OH, OW)}. */
  public static TapeTensor conv2dBackwardWeight(Tensor input, Tensor gradOutput, Shape weightShape,
      Conv2dSpec spec) {
    TapeTensor x = TapeTensor.of(input);
    TapeTensor g = TapeTensor.of(gradOutput);
    checkConv("conv2dBackwardWeight", x, g);
    checkConvGeometry("conv2dBackwardWeight", x.shape(), weightShape, g.shape(), spec);
    Buffer out = x.kernels().conv2dBackwardWeight(x.buffer(), g.buffer(), weightShape, spec);
    return record(x.kernels(), out, StructuralOp.CONV2D_BACKWARD_WEIGHT, spec, x, g);
  }

  /**
   * Both gradients of conv2d from one kernel call ({@link Kernels#conv2dBackward}): element 0 is
   * {@link #conv2dBackwardInput}{@code (gradOutput, weight, input.shape(), spec)}, element 1
   * {@link #conv2dBackwardWeight}{@code (input, gradOutput, weight.shape(), spec)}, recorded as those two ops.
   */
  public static TapeTensor[] conv2dBackward(Tensor input, Tensor gradOutput, Tensor weight, Conv2dSpec spec) {
    TapeTensor x = TapeTensor.of(input);
    TapeTensor g = TapeTensor.of(gradOutput);
    TapeTensor w = TapeTensor.of(weight);
    checkConv("conv2dBackwardInput", g, w);
    checkConvGeometry("conv2dBackwardInput", x.shape(), w.shape(), g.shape(), spec);
    checkConv("conv2dBackwardWeight", x, g);
    List<Buffer> out = x.kernels().conv2dBackward(x.buffer(), g.buffer(), w.buffer(), spec);
    return new TapeTensor[] {record(g.kernels(), out.get(0), StructuralOp.CONV2D_BACKWARD_INPUT, spec, g, w),
        record(x.kernels(), out.get(1), StructuralOp.CONV2D_BACKWARD_WEIGHT, spec, x, g)};
  }

  // ---- recording ---------------------------------------------------------------------------------------

  static TapeTensor record(Kernels kernels, Buffer out, Op op, Object attrs, TapeTensor... inputs) {
    boolean track = false;
    if (NoGrad.isRecording() && !GradientTable.hasZeroGradient(op)) {
      for (TapeTensor t : inputs) {
        track |= t.requiresGrad();
      }
    }
    return track ? TapeTensor.recorded(kernels, out, op, attrs, inputs) : TapeTensor.constant(kernels, out);
  }

  // ---- checks ------------------------------------------------------------------------------------------

  static String name(Op op) {
    return op.name().toLowerCase(java.util.Locale.ROOT);
  }

  static void sameKernels(String op, TapeTensor a, TapeTensor b) {
    if (a.kernels() != b.kernels()) {
      throw new IllegalArgumentException(op + ": operands live on different backends or devices ("
          + a.backendName() + " " + a.device() + " and " + b.backendName() + " " + b.device()
          + "); make both with the same TensorFactory");
    }
  }

  static void sameDType(String op, TapeTensor a, TapeTensor b) {
    if (a.dtype() != b.dtype()) {
      throw new IllegalArgumentException(op + ": dtypes " + a.dtype() + " " + a.shape() + " and " + b.dtype()
          + " " + b.shape() + " differ; cast one with cast(DType)");
    }
  }

  static void requireFloat(String op, TapeTensor a) {
    if (!a.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": needs a FLOAT32 or FLOAT64 tensor, got " + a.dtype() + " "
          + a.shape() + "; cast it first");
    }
  }

  static int[] normalizeAxes(String op, Shape shape, int[] axes) {
    boolean[] seen = new boolean[shape.rank()];
    for (int ax : axes) {
      int a = shape.normalizeAxis(ax);
      if (seen[a]) {
        throw new IllegalArgumentException(op + ": axis " + ax + " is listed twice in " + Arrays.toString(axes));
      }
      seen[a] = true;
    }
    int n = 0;
    int[] out = new int[axes.length];
    for (int i = 0; i < seen.length; i++) {
      if (seen[i]) {
        out[n++] = i;
      }
    }
    return out;
  }

  private static void checkIndex(String op, Shape target, int axis, TapeTensor idx) {
    if (idx.dtype() != DType.INT32) {
      throw new IllegalArgumentException(op + ": index must be INT32, got " + idx.dtype());
    }
    if (idx.rank() != target.rank()) {
      throw new IllegalArgumentException(op + ": index shape " + idx.shape() + " must have the rank of " + target);
    }
    for (int i = 0; i < target.rank(); i++) {
      if (i != axis && idx.dim(i) > target.dim(i)) {
        throw new IllegalArgumentException(op + ": index shape " + idx.shape() + " is larger than " + target
            + " on axis " + i);
      }
    }
  }

  private static void checkConv(String op, TapeTensor a, TapeTensor b) {
    sameKernels(op, a, b);
    sameDType(op, a, b);
    requireFloat(op, a);
    if (a.rank() != 4 || b.rank() != 4) {
      throw new IllegalArgumentException(op + ": needs rank-4 operands (N, C, H, W) and (O, C, KH, KW), got "
          + a.shape() + " and " + b.shape());
    }
  }

  private static void checkConvGeometry(String op, Shape input, Shape weight, Shape output, Conv2dSpec spec) {
    Shape expected = Shape.of(input.dim(0), weight.dim(0), spec.outH(input.dim(2), weight.dim(2)),
        spec.outW(input.dim(3), weight.dim(3)));
    if (input.rank() != 4 || weight.rank() != 4 || input.dim(1) != weight.dim(1) || !expected.equals(output)) {
      throw new IllegalArgumentException(op + ": input " + input + ", weight " + weight + " and " + spec
          + " give output " + expected + ", not " + output);
    }
  }
}
