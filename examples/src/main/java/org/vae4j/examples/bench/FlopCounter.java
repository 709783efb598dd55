package org.vae4j.examples.bench;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.AdamStep;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.api.spi.Kernels;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * Counts the floating-point operations of a model's matrix products while it computes: {@code Kernels} that
 * pass every call to another backend's kernels and add up, for the products only, two FLOPs per
 * multiply-add, as the issue that set the bench's targets counts them (elementwise ops, reductions and
 * movement count nothing). The rule, per call, from the operands' actual shapes:
 *
 * <ul>
 *   <li>{@link #matmul}: {@code 2 m n k} per batch entry (leading axes broadcast);</li>
 *   <li>{@link #linear}: {@code 2 n in out} (the bias add counts nothing);</li>
 *   <li>{@link #conv2d}, {@link #conv2dBackwardInput}, {@link #conv2dBackwardWeight}: each
 *       {@code 2 N O OH OW C KH KW}, the full kernel window at every output position (padding included, as a
 *       dense convolution computes it).</li>
 * </ul>
 *
 * A training step run on these kernels therefore counts exactly the products core's tape asks for: the
 * forward products and, in backward, a weight gradient for every parameterised product and an input
 * gradient only where the input needs one (never for the data), so nothing is counted that the step does not
 * compute. Only the capabilities whose kernels this class passes on ({@link #FORWARDED}) are announced, so a
 * fused kernel added to the SPI later is hidden and core's composition of primitives (its products counted)
 * runs instead. Thread-safe: the count is atomic.
 */
final class FlopCounter implements Kernels {
  /** The capabilities whose optional kernels are overridden here; others are not announced. */
  static final Set<Capability> FORWARDED = EnumSet.of(Capability.FLOAT64, Capability.GPU, Capability.FUSED_LINEAR,
      Capability.FUSED_ADAM, Capability.FUSED_BCE_WITH_LOGITS);

  private final Kernels delegate;
  private final Set<Capability> capabilities;
  private final AtomicLong flops = new AtomicLong();

  FlopCounter(Kernels delegate) {
    this.delegate = delegate;
    EnumSet<Capability> announced = EnumSet.noneOf(Capability.class);
    announced.addAll(delegate.capabilities());
    announced.retainAll(FORWARDED);
    this.capabilities = Collections.unmodifiableSet(announced);
  }

  /** FLOPs counted since construction or the last {@link #reset()}. */
  long flops() {
    return flops.get();
  }

  /** Starts counting from zero. */
  void reset() {
    flops.set(0);
  }

  /** {@code 2 m n k} per batch entry for {@code op(a) @ op(b)}. */
  static long matmulFlops(Shape a, Shape b, boolean transposeA, boolean transposeB) {
    long m = transposeA ? a.dim(-1) : a.dim(-2);
    long k = transposeA ? a.dim(-2) : a.dim(-1);
    long n = transposeB ? b.dim(-2) : b.dim(-1);
    long batch = Shape.broadcast("matmul", a.dropLast(2), b.dropLast(2)).size();
    return 2 * batch * m * n * k;
  }

  /** {@code 2 N O OH OW C KH KW} for a convolution of {@code input (N, C, H, W)} with {@code weight (O, C, KH, KW)}. */
  static long convFlops(Shape input, Shape weight, Conv2dSpec spec) {
    long oh = spec.outH(input.dim(2), weight.dim(2));
    long ow = spec.outW(input.dim(3), weight.dim(3));
    return 2L * input.dim(0) * weight.dim(0) * oh * ow * weight.dim(1) * weight.dim(2) * weight.dim(3);
  }

  @Override
  public Buffer matmul(Buffer a, Buffer b, boolean transposeA, boolean transposeB) {
    Buffer out = delegate.matmul(a, b, transposeA, transposeB);
    flops.addAndGet(matmulFlops(a.shape(), b.shape(), transposeA, transposeB));
    return out;
  }

  @Override
  public Buffer linear(Buffer x, Buffer weight, Buffer bias) {
    Buffer out = delegate.linear(x, weight, bias);
    flops.addAndGet(matmulFlops(x.shape(), weight.shape(), false, true));
    return out;
  }

  @Override
  public Buffer conv2d(Buffer input, Buffer weight, Conv2dSpec spec) {
    Buffer out = delegate.conv2d(input, weight, spec);
    flops.addAndGet(convFlops(input.shape(), weight.shape(), spec));
    return out;
  }

  @Override
  public Buffer conv2dBackwardInput(Buffer gradOutput, Buffer weight, Shape inputShape, Conv2dSpec spec) {
    Buffer out = delegate.conv2dBackwardInput(gradOutput, weight, inputShape, spec);
    flops.addAndGet(convFlops(inputShape, weight.shape(), spec));
    return out;
  }

  @Override
  public Buffer conv2dBackwardWeight(Buffer input, Buffer gradOutput, Shape weightShape, Conv2dSpec spec) {
    Buffer out = delegate.conv2dBackwardWeight(input, gradOutput, weightShape, spec);
    flops.addAndGet(convFlops(input.shape(), weightShape, spec));
    return out;
  }

  // ---- everything else passes through uncounted -----------------------------------------------------------

  @Override
  public String backendName() {
    return delegate.backendName();
  }

  @Override
  public Device device() {
    return delegate.device();
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public Buffer fromFloats(float[] data, Shape shape) {
    return delegate.fromFloats(data, shape);
  }

  @Override
  public Buffer fromDoubles(double[] data, Shape shape) {
    return delegate.fromDoubles(data, shape);
  }

  @Override
  public Buffer fromInts(int[] data, Shape shape) {
    return delegate.fromInts(data, shape);
  }

  @Override
  public Buffer full(Shape shape, DType dtype, double value) {
    return delegate.full(shape, dtype, value);
  }

  @Override
  public float[] toFloats(Buffer x) {
    return delegate.toFloats(x);
  }

  @Override
  public double[] toDoubles(Buffer x) {
    return delegate.toDoubles(x);
  }

  @Override
  public int[] toInts(Buffer x) {
    return delegate.toInts(x);
  }

  @Override
  public Buffer unary(UnaryOp op, Buffer x) {
    return delegate.unary(op, x);
  }

  @Override
  public Buffer binary(BinaryOp op, Buffer a, Buffer b) {
    return delegate.binary(op, a, b);
  }

  @Override
  public Buffer where(Buffer condition, Buffer ifTrue, Buffer ifFalse) {
    return delegate.where(condition, ifTrue, ifFalse);
  }

  @Override
  public Buffer reduce(ReduceOp op, Buffer x, int[] axes, boolean keepDims) {
    return delegate.reduce(op, x, axes, keepDims);
  }

  @Override
  public Buffer argReduce(ReduceOp op, Buffer x, int axis) {
    return delegate.argReduce(op, x, axis);
  }

  @Override
  public Buffer reshape(Buffer x, Shape shape) {
    return delegate.reshape(x, shape);
  }

  @Override
  public Buffer permute(Buffer x, int[] axes) {
    return delegate.permute(x, axes);
  }

  @Override
  public Buffer expand(Buffer x, Shape shape) {
    return delegate.expand(x, shape);
  }

  @Override
  public Buffer slice(Buffer x, int[] begin, int[] end) {
    return delegate.slice(x, begin, end);
  }

  @Override
  public Buffer pad(Buffer x, int[] before, int[] after, double value) {
    return delegate.pad(x, before, after, value);
  }

  @Override
  public Buffer concat(List<Buffer> parts, int axis) {
    return delegate.concat(parts, axis);
  }

  @Override
  public Buffer gather(Buffer x, int axis, Buffer index) {
    return delegate.gather(x, axis, index);
  }

  @Override
  public Buffer scatterAdd(Shape shape, int axis, Buffer index, Buffer src) {
    return delegate.scatterAdd(shape, axis, index, src);
  }

  @Override
  public Buffer cast(Buffer x, DType dtype) {
    return delegate.cast(x, dtype);
  }

  @Override
  public Buffer bceWithLogits(Buffer logits, Buffer targets) {
    return delegate.bceWithLogits(logits, targets);
  }

  @Override
  public Buffer adamUpdate(Buffer param, Buffer grad, Buffer m, Buffer v, AdamStep step) {
    return delegate.adamUpdate(param, grad, m, v, step);
  }
}
