package org.vae4j.examples.bench;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.AdamStep;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.api.spi.Kernels;
import org.vae4j.api.spi.Op;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * Kernels that pass every call to another backend's kernels and report each one to an {@link Observer}: its
 * name, its wall time and its matrix-product FLOPs. This is how {@code vae4j bench} counts a model's FLOPs
 * ({@link #flopCounter}) and how the step anatomy in test scope times each kernel.
 *
 * <p>The FLOP rule counts the products only, two FLOPs per multiply-add, as the issue that set the bench's
 * targets counts them (elementwise ops, reductions and movement count nothing), from the operands' actual
 * shapes:
 * <ul>
 *   <li>{@link #matmul}: {@code 2 m n k} per batch entry (leading axes broadcast);</li>
 *   <li>{@link #linear}: {@code 2 n in out} (the bias add counts nothing);</li>
 *   <li>{@link #conv2d}, {@link #conv2dBackwardInput}, {@link #conv2dBackwardWeight}: each
 *       {@code 2 N O OH OW C KH KW}, the full kernel window at every output position (padding included, as a
 *       dense convolution computes it).</li>
 * </ul>
 * A training step run on these kernels therefore counts exactly the products core's tape asks for: the forward
 * products and, in backward, a weight gradient for every parameterised product and an input gradient only
 * where the input needs one (never for the data), so nothing is counted that the step does not compute.
 *
 * <p>Only the capabilities whose kernels this class passes on ({@link #FORWARDED}) are announced, so a fused
 * kernel added to the SPI later is hidden and core's composition of primitives (its products counted) runs
 * instead. Thread-safe when the observer is.
 */
final class ObservedKernels implements Kernels {
  /** The capabilities whose optional kernels are overridden here; others are not announced. */
  static final Set<Capability> FORWARDED = EnumSet.of(Capability.FLOAT64, Capability.GPU, Capability.FUSED_LINEAR,
      Capability.FUSED_ADAM, Capability.FUSED_BCE_WITH_LOGITS);

  /** Receives every kernel call, after it returned. */
  interface Observer {
    /**
     * @param op     the kernel ({@code matmul B^T}, {@code add}, {@code conv2d}, ...)
     * @param nanos  its wall time
     * @param flops  its matrix-product FLOPs by the rule above (0 for other kernels)
     * @param shapes the shapes of its main operands
     */
    void called(String op, long nanos, long flops, Shape... shapes);
  }

  private final Kernels delegate;
  private final Observer observer;
  private final Set<Capability> capabilities;

  ObservedKernels(Kernels delegate, Observer observer) {
    this.delegate = delegate;
    this.observer = observer;
    EnumSet<Capability> announced = EnumSet.noneOf(Capability.class);
    announced.addAll(delegate.capabilities());
    announced.retainAll(FORWARDED);
    this.capabilities = Collections.unmodifiableSet(announced);
  }

  /** A FLOP counter: kernels on {@code delegate} that add each call's FLOPs to {@code total}. */
  static ObservedKernels flopCounter(Kernels delegate, java.util.concurrent.atomic.AtomicLong total) {
    return new ObservedKernels(delegate, (op, nanos, flops, shapes) -> total.addAndGet(flops));
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

  private static String name(Op op) {
    return op.name().toLowerCase(Locale.ROOT);
  }

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
    long t0 = System.nanoTime();
    Buffer out = delegate.fromFloats(data, shape);
    observer.called("fromFloats", System.nanoTime() - t0, 0, shape);
    return out;
  }

  @Override
  public Buffer fromDoubles(double[] data, Shape shape) {
    long t0 = System.nanoTime();
    Buffer out = delegate.fromDoubles(data, shape);
    observer.called("fromDoubles", System.nanoTime() - t0, 0, shape);
    return out;
  }

  @Override
  public Buffer fromInts(int[] data, Shape shape) {
    long t0 = System.nanoTime();
    Buffer out = delegate.fromInts(data, shape);
    observer.called("fromInts", System.nanoTime() - t0, 0, shape);
    return out;
  }

  @Override
  public Buffer full(Shape shape, DType dtype, double value) {
    long t0 = System.nanoTime();
    Buffer out = delegate.full(shape, dtype, value);
    observer.called("full", System.nanoTime() - t0, 0, shape);
    return out;
  }

  @Override
  public float[] toFloats(Buffer x) {
    long t0 = System.nanoTime();
    float[] out = delegate.toFloats(x);
    observer.called("toFloats", System.nanoTime() - t0, 0, x.shape());
    return out;
  }

  @Override
  public double[] toDoubles(Buffer x) {
    long t0 = System.nanoTime();
    double[] out = delegate.toDoubles(x);
    observer.called("toDoubles", System.nanoTime() - t0, 0, x.shape());
    return out;
  }

  @Override
  public int[] toInts(Buffer x) {
    long t0 = System.nanoTime();
    int[] out = delegate.toInts(x);
    observer.called("toInts", System.nanoTime() - t0, 0, x.shape());
    return out;
  }

  @Override
  public Buffer unary(UnaryOp op, Buffer x) {
    long t0 = System.nanoTime();
    Buffer out = delegate.unary(op, x);
    observer.called(name(op), System.nanoTime() - t0, 0, x.shape());
    return out;
  }

  @Override
  public Buffer binary(BinaryOp op, Buffer a, Buffer b) {
    long t0 = System.nanoTime();
    Buffer out = delegate.binary(op, a, b);
    observer.called(name(op), System.nanoTime() - t0, 0, a.shape(), b.shape());
    return out;
  }

  @Override
  public Buffer where(Buffer condition, Buffer ifTrue, Buffer ifFalse) {
    long t0 = System.nanoTime();
    Buffer out = delegate.where(condition, ifTrue, ifFalse);
    observer.called("where", System.nanoTime() - t0, 0, condition.shape(), ifTrue.shape(), ifFalse.shape());
    return out;
  }

  @Override
  public Buffer reduce(ReduceOp op, Buffer x, int[] axes, boolean keepDims) {
    long t0 = System.nanoTime();
    Buffer out = delegate.reduce(op, x, axes, keepDims);
    observer.called("reduce " + name(op), System.nanoTime() - t0, 0, x.shape());
    return out;
  }

  @Override
  public Buffer argReduce(ReduceOp op, Buffer x, int axis) {
    long t0 = System.nanoTime();
    Buffer out = delegate.argReduce(op, x, axis);
    observer.called("arg" + name(op), System.nanoTime() - t0, 0, x.shape());
    return out;
  }

  @Override
  public Buffer reshape(Buffer x, Shape shape) {
    long t0 = System.nanoTime();
    Buffer out = delegate.reshape(x, shape);
    observer.called("reshape", System.nanoTime() - t0, 0, x.shape(), shape);
    return out;
  }

  @Override
  public Buffer permute(Buffer x, int[] axes) {
    long t0 = System.nanoTime();
    Buffer out = delegate.permute(x, axes);
    observer.called("permute", System.nanoTime() - t0, 0, x.shape());
    return out;
  }

  @Override
  public Buffer expand(Buffer x, Shape shape) {
    long t0 = System.nanoTime();
    Buffer out = delegate.expand(x, shape);
    observer.called("expand", System.nanoTime() - t0, 0, x.shape(), shape);
    return out;
  }

  @Override
  public Buffer slice(Buffer x, int[] begin, int[] end) {
    long t0 = System.nanoTime();
    Buffer out = delegate.slice(x, begin, end);
    observer.called("slice", System.nanoTime() - t0, 0, x.shape());
    return out;
  }

  @Override
  public Buffer pad(Buffer x, int[] before, int[] after, double value) {
    long t0 = System.nanoTime();
    Buffer out = delegate.pad(x, before, after, value);
    observer.called("pad", System.nanoTime() - t0, 0, x.shape());
    return out;
  }

  @Override
  public Buffer concat(List<Buffer> parts, int axis) {
    long t0 = System.nanoTime();
    Buffer out = delegate.concat(parts, axis);
    observer.called("concat", System.nanoTime() - t0, 0, parts.get(0).shape());
    return out;
  }

  @Override
  public Buffer gather(Buffer x, int axis, Buffer index) {
    long t0 = System.nanoTime();
    Buffer out = delegate.gather(x, axis, index);
    observer.called("gather", System.nanoTime() - t0, 0, x.shape(), index.shape());
    return out;
  }

  @Override
  public Buffer scatterAdd(Shape shape, int axis, Buffer index, Buffer src) {
    long t0 = System.nanoTime();
    Buffer out = delegate.scatterAdd(shape, axis, index, src);
    observer.called("scatterAdd", System.nanoTime() - t0, 0, shape, src.shape());
    return out;
  }

  @Override
  public Buffer cast(Buffer x, DType dtype) {
    long t0 = System.nanoTime();
    Buffer out = delegate.cast(x, dtype);
    observer.called("cast", System.nanoTime() - t0, 0, x.shape());
    return out;
  }

  @Override
  public Buffer matmul(Buffer a, Buffer b, boolean transposeA, boolean transposeB) {
    long t0 = System.nanoTime();
    Buffer out = delegate.matmul(a, b, transposeA, transposeB);
    observer.called("matmul" + (transposeA ? " A^T" : "") + (transposeB ? " B^T" : ""), System.nanoTime() - t0,
        matmulFlops(a.shape(), b.shape(), transposeA, transposeB), a.shape(), b.shape());
    return out;
  }

  @Override
  public Buffer conv2d(Buffer input, Buffer weight, Conv2dSpec spec) {
    long t0 = System.nanoTime();
    Buffer out = delegate.conv2d(input, weight, spec);
    observer.called("conv2d", System.nanoTime() - t0,
        convFlops(input.shape(), weight.shape(), spec), input.shape(), weight.shape());
    return out;
  }

  @Override
  public Buffer conv2dBackwardInput(Buffer gradOutput, Buffer weight, Shape inputShape, Conv2dSpec spec) {
    long t0 = System.nanoTime();
    Buffer out = delegate.conv2dBackwardInput(gradOutput, weight, inputShape, spec);
    observer.called("conv2dBackwardInput", System.nanoTime() - t0,
        convFlops(inputShape, weight.shape(), spec), gradOutput.shape(), weight.shape());
    return out;
  }

  @Override
  public Buffer conv2dBackwardWeight(Buffer input, Buffer gradOutput, Shape weightShape, Conv2dSpec spec) {
    long t0 = System.nanoTime();
    Buffer out = delegate.conv2dBackwardWeight(input, gradOutput, weightShape, spec);
    observer.called("conv2dBackwardWeight", System.nanoTime() - t0,
        convFlops(input.shape(), weightShape, spec), input.shape(), gradOutput.shape());
    return out;
  }

  @Override
  public Buffer linear(Buffer x, Buffer weight, Buffer bias) {
    long t0 = System.nanoTime();
    Buffer out = delegate.linear(x, weight, bias);
    observer.called("linear", System.nanoTime() - t0,
        matmulFlops(x.shape(), weight.shape(), false, true), x.shape(), weight.shape());
    return out;
  }

  @Override
  public Buffer bceWithLogits(Buffer logits, Buffer targets) {
    long t0 = System.nanoTime();
    Buffer out = delegate.bceWithLogits(logits, targets);
    observer.called("bceWithLogits", System.nanoTime() - t0, 0, logits.shape());
    return out;
  }

  @Override
  public Buffer adamUpdate(Buffer param, Buffer grad, Buffer m, Buffer v, AdamStep step) {
    long t0 = System.nanoTime();
    Buffer out = delegate.adamUpdate(param, grad, m, v, step);
    observer.called("adamUpdate", System.nanoTime() - t0, 0, param.shape());
    return out;
  }
}
