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
 *       dense convolution computes it); {@link #conv2dBackward}, both gradients, twice that.</li>
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
      Capability.FUSED_ADAM, Capability.FUSED_BCE_WITH_LOGITS, Capability.FUSED_LOG_SOFTMAX);

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

  /** Runs {@code call}, then tells the observer its wall time. */
  private <T> T timed(String op, java.util.function.Supplier<T> call, long flops, Shape... shapes) {
    long t0 = System.nanoTime();
    T out = call.get();
    observer.called(op, System.nanoTime() - t0, flops, shapes);
    return out;
  }

  @Override
  public Buffer fromFloats(float[] data, Shape shape) {
    return timed("fromFloats", () -> delegate.fromFloats(data, shape), 0, shape);
  }

  @Override
  public Buffer fromDoubles(double[] data, Shape shape) {
    return timed("fromDoubles", () -> delegate.fromDoubles(data, shape), 0, shape);
  }

  @Override
  public Buffer fromInts(int[] data, Shape shape) {
    return timed("fromInts", () -> delegate.fromInts(data, shape), 0, shape);
  }

  @Override
  public Buffer full(Shape shape, DType dtype, double value) {
    return timed("full", () -> delegate.full(shape, dtype, value), 0, shape);
  }

  @Override
  public float[] toFloats(Buffer x) {
    return timed("toFloats", () -> delegate.toFloats(x), 0, x.shape());
  }

  @Override
  public double[] toDoubles(Buffer x) {
    return timed("toDoubles", () -> delegate.toDoubles(x), 0, x.shape());
  }

  @Override
  public int[] toInts(Buffer x) {
    return timed("toInts", () -> delegate.toInts(x), 0, x.shape());
  }

  @Override
  public Buffer unary(UnaryOp op, Buffer x) {
    return timed(name(op), () -> delegate.unary(op, x), 0, x.shape());
  }

  @Override
  public Buffer binary(BinaryOp op, Buffer a, Buffer b) {
    return timed(name(op), () -> delegate.binary(op, a, b), 0, a.shape(), b.shape());
  }

  @Override
  public Buffer where(Buffer condition, Buffer ifTrue, Buffer ifFalse) {
    return timed("where", () -> delegate.where(condition, ifTrue, ifFalse),
        0, condition.shape(), ifTrue.shape(), ifFalse.shape());
  }

  @Override
  public Buffer reduce(ReduceOp op, Buffer x, int[] axes, boolean keepDims) {
    return timed("reduce " + name(op), () -> delegate.reduce(op, x, axes, keepDims), 0, x.shape());
  }

  @Override
  public Buffer argReduce(ReduceOp op, Buffer x, int axis) {
    return timed("arg" + name(op), () -> delegate.argReduce(op, x, axis), 0, x.shape());
  }

  @Override
  public Buffer reshape(Buffer x, Shape shape) {
    return timed("reshape", () -> delegate.reshape(x, shape), 0, x.shape(), shape);
  }

  @Override
  public Buffer permute(Buffer x, int[] axes) {
    return timed("permute", () -> delegate.permute(x, axes), 0, x.shape());
  }

  @Override
  public Buffer expand(Buffer x, Shape shape) {
    return timed("expand", () -> delegate.expand(x, shape), 0, x.shape(), shape);
  }

  @Override
  public Buffer slice(Buffer x, int[] begin, int[] end) {
    return timed("slice", () -> delegate.slice(x, begin, end), 0, x.shape());
  }

  @Override
  public Buffer pad(Buffer x, int[] before, int[] after, double value) {
    return timed("pad", () -> delegate.pad(x, before, after, value), 0, x.shape());
  }

  @Override
  public Buffer concat(List<Buffer> parts, int axis) {
    return timed("concat", () -> delegate.concat(parts, axis), 0, parts.get(0).shape());
  }

  @Override
  public Buffer gather(Buffer x, int axis, Buffer index) {
    return timed("gather", () -> delegate.gather(x, axis, index), 0, x.shape(), index.shape());
  }

  @Override
  public Buffer scatterAdd(Shape shape, int axis, Buffer index, Buffer src) {
    return timed("scatterAdd", () -> delegate.scatterAdd(shape, axis, index, src), 0, shape, src.shape());
  }

  @Override
  public Buffer cast(Buffer x, DType dtype) {
    return timed("cast", () -> delegate.cast(x, dtype), 0, x.shape());
  }

  @Override
  public Buffer matmul(Buffer a, Buffer b, boolean transposeA, boolean transposeB) {
    return timed("matmul" + (transposeA ? " A^T" : "") + (transposeB ? " B^T" : ""),
        () -> delegate.matmul(a, b, transposeA, transposeB),
        matmulFlops(a.shape(), b.shape(), transposeA, transposeB), a.shape(), b.shape());
  }

  @Override
  public Buffer conv2d(Buffer input, Buffer weight, Conv2dSpec spec) {
    return timed("conv2d", () -> delegate.conv2d(input, weight, spec),
        convFlops(input.shape(), weight.shape(), spec), input.shape(), weight.shape());
  }

  @Override
  public Buffer conv2dBackwardInput(Buffer gradOutput, Buffer weight, Shape inputShape, Conv2dSpec spec) {
    return timed("conv2dBackwardInput", () -> delegate.conv2dBackwardInput(gradOutput, weight, inputShape, spec),
        convFlops(inputShape, weight.shape(), spec), gradOutput.shape(), weight.shape());
  }

  @Override
  public Buffer conv2dBackwardWeight(Buffer input, Buffer gradOutput, Shape weightShape, Conv2dSpec spec) {
    return timed("conv2dBackwardWeight", () -> delegate.conv2dBackwardWeight(input, gradOutput, weightShape, spec),
        convFlops(input.shape(), weightShape, spec), input.shape(), gradOutput.shape());
  }

  /** Both gradients in the delegate's one call: twice a convolution's FLOPs. */
  @Override
  public List<Buffer> conv2dBackward(Buffer input, Buffer gradOutput, Buffer weight, Conv2dSpec spec) {
    return timed("conv2dBackward", () -> delegate.conv2dBackward(input, gradOutput, weight, spec),
        2 * convFlops(input.shape(), weight.shape(), spec), input.shape(), gradOutput.shape());
  }

  @Override
  public Buffer linear(Buffer x, Buffer weight, Buffer bias) {
    return timed("linear", () -> delegate.linear(x, weight, bias),
        matmulFlops(x.shape(), weight.shape(), false, true), x.shape(), weight.shape());
  }

  @Override
  public Buffer bceWithLogits(Buffer logits, Buffer targets) {
    return timed("bceWithLogits", () -> delegate.bceWithLogits(logits, targets), 0, logits.shape());
  }

  @Override
  public Buffer logSoftmax(Buffer x) {
    return timed("logSoftmax", () -> delegate.logSoftmax(x), 0, x.shape());
  }

  @Override
  public Buffer logSoftmaxGradient(Buffer grad, Buffer output) {
    return timed("logSoftmaxGradient", () -> delegate.logSoftmaxGradient(grad, output), 0, output.shape());
  }

  @Override
  public Buffer sumOfSquares(Buffer x) {
    return timed("reduce sumOfSquares", () -> delegate.sumOfSquares(x), 0, x.shape());
  }

  @Override
  public Buffer bceWithLogitsGradient(Buffer grad, Buffer logits, Buffer targets) {
    return timed("bceWithLogitsGradient", () -> delegate.bceWithLogitsGradient(grad, logits, targets), 0,
        logits.shape());
  }

  @Override
  public Buffer adamUpdate(Buffer param, Buffer grad, Buffer m, Buffer v, AdamStep step) {
    return timed("adamUpdate", () -> delegate.adamUpdate(param, grad, m, v, step), 0, param.shape());
  }

  @Override
  public List<Buffer> adamUpdates(List<Buffer> params, List<Buffer> grads, List<Buffer> ms, List<Buffer> vs,
      AdamStep step) {
    return timed("adamUpdates", () -> delegate.adamUpdates(params, grads, ms, vs, step), 0,
        Shape.of(params.size()));
  }
}
