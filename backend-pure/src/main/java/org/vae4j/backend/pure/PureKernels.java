package org.vae4j.backend.pure;

import java.util.List;
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
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * The pure backend's {@link Kernels} on the CPU: checks that each argument is an open {@link PureBuffer}
 * and delegates to one class per op family. Every result is a new buffer owning an array of its own (from the {@link ArrayPool}).
 * Thread-safe (stateless).
 */
final class PureKernels implements Kernels {

  /** Runs the vector kernels once first, see {@link VectorWarmUp}. */
  PureKernels() {
    if (Gemms.vectorEnabled()) {
      VectorWarmUp.run(VectorLoops.get(), Gemms.get());
    }
  }

  @Override
  public String backendName() {
    return PureBackend.NAME;
  }

  @Override
  public Device device() {
    return Device.CPU;
  }

  @Override
  public Set<Capability> capabilities() {
    return PureBackend.CAPABILITIES;
  }

  @Override
  public Buffer linear(Buffer x, Buffer weight, Buffer bias) {
    return PureFused.linear(PureBuffer.check(x, "linear"), PureBuffer.check(weight, "linear"),
        bias == null ? null : PureBuffer.check(bias, "linear"));
  }

  @Override
  public Buffer bceWithLogits(Buffer logits, Buffer targets) {
    return PureFused.bceWithLogits(PureBuffer.check(logits, "bceWithLogits"),
        PureBuffer.check(targets, "bceWithLogits"));
  }

  @Override
  public Buffer bceWithLogitsGradient(Buffer grad, Buffer logits, Buffer targets) {
    String name = "bceWithLogitsGradient";
    return PureFused.bceWithLogitsGradient(PureBuffer.check(grad, name), PureBuffer.check(logits, name),
        PureBuffer.check(targets, name));
  }

  @Override
  public Buffer logSoftmax(Buffer x) {
    return PureLogSoftmax.logSoftmax(PureBuffer.check(x, "logSoftmax"));
  }

  @Override
  public Buffer logSoftmaxGradient(Buffer grad, Buffer output) {
    return PureLogSoftmax.logSoftmaxGradient(PureBuffer.check(grad, "logSoftmaxGradient"),
        PureBuffer.check(output, "logSoftmaxGradient"));
  }

  @Override
  public Buffer adamUpdate(Buffer param, Buffer grad, Buffer m, Buffer v, AdamStep step) {
    return PureFused.adamUpdate(PureBuffer.check(param, "adamUpdate"), PureBuffer.check(grad, "adamUpdate"),
        PureBuffer.check(m, "adamUpdate"), PureBuffer.check(v, "adamUpdate"), step);
  }

  @Override
  public Buffer fromFloats(float[] data, Shape shape) {
    checkLength("fromFloats", data.length, shape);
    return PureBuffer.of((float[]) PureMovement.copyOf(data), shape);
  }

  @Override
  public Buffer fromDoubles(double[] data, Shape shape) {
    checkLength("fromDoubles", data.length, shape);
    return PureBuffer.of((double[]) PureMovement.copyOf(data), shape);
  }

  @Override
  public Buffer fromInts(int[] data, Shape shape) {
    checkLength("fromInts", data.length, shape);
    return PureBuffer.of((int[]) PureMovement.copyOf(data), shape);
  }

  private static void checkLength(String op, int length, Shape shape) {
    if (length != shape.size()) {
      throw new IllegalArgumentException(op + ": " + length + " values do not fill shape " + shape + " of "
          + shape.size() + " elements");
    }
  }

  @Override
  public Buffer full(Shape shape, DType dtype, double value) {
    return new PureBuffer(TypedArrays.filled(dtype, shape.sizeAsInt(), value), shape, dtype);
  }

  @Override
  public float[] toFloats(Buffer x) {
    return TypedArrays.toFloats(PureBuffer.check(x, "toFloats").data("toFloats"));
  }

  @Override
  public double[] toDoubles(Buffer x) {
    return TypedArrays.toDoubles(PureBuffer.check(x, "toDoubles").data("toDoubles"));
  }

  @Override
  public int[] toInts(Buffer x) {
    return TypedArrays.toInts(PureBuffer.check(x, "toInts").data("toInts"));
  }

  @Override
  public Buffer unary(UnaryOp op, Buffer x) {
    return PureElementwise.unary(op, PureBuffer.check(x, "unary " + op));
  }

  @Override
  public Buffer binary(BinaryOp op, Buffer a, Buffer b) {
    String name = "binary " + op;
    return PureElementwise.binary(op, PureBuffer.check(a, name), PureBuffer.check(b, name));
  }

  @Override
  public Buffer where(Buffer condition, Buffer ifTrue, Buffer ifFalse) {
    return PureElementwise.where(PureBuffer.check(condition, "where"), PureBuffer.check(ifTrue, "where"),
        PureBuffer.check(ifFalse, "where"));
  }

  @Override
  public Buffer reduce(ReduceOp op, Buffer x, int[] axes, boolean keepDims) {
    return PureReductions.reduce(op, PureBuffer.check(x, "reduce " + op), axes, keepDims);
  }

  @Override
  public Buffer sumOfSquares(Buffer x) {
    return PureReductions.sumOfSquares(PureBuffer.check(x, "sumOfSquares"));
  }

  @Override
  public Buffer argReduce(ReduceOp op, Buffer x, int axis) {
    return PureReductions.argReduce(op, PureBuffer.check(x, "argReduce " + op), axis);
  }

  @Override
  public Buffer reshape(Buffer x, Shape shape) {
    return PureMovement.reshape(PureBuffer.check(x, "reshape"), shape);
  }

  @Override
  public Buffer permute(Buffer x, int[] axes) {
    return PureMovement.permute(PureBuffer.check(x, "permute"), axes);
  }

  @Override
  public Buffer expand(Buffer x, Shape shape) {
    return PureMovement.expand(PureBuffer.check(x, "expand"), shape);
  }

  @Override
  public Buffer slice(Buffer x, int[] begin, int[] end) {
    return PureMovement.slice(PureBuffer.check(x, "slice"), begin, end);
  }

  @Override
  public Buffer pad(Buffer x, int[] before, int[] after, double value) {
    return PureMovement.pad(PureBuffer.check(x, "pad"), before, after, value);
  }

  @Override
  public Buffer concat(List<Buffer> parts, int axis) {
    return PureMovement.concat(parts, axis);
  }

  @Override
  public Buffer gather(Buffer x, int axis, Buffer index) {
    return PureIndexing.gather(PureBuffer.check(x, "gather"), axis, PureBuffer.check(index, "gather"));
  }

  @Override
  public Buffer scatterAdd(Shape shape, int axis, Buffer index, Buffer src) {
    return PureIndexing.scatterAdd(shape, axis, PureBuffer.check(index, "scatterAdd"),
        PureBuffer.check(src, "scatterAdd"));
  }

  @Override
  public Buffer cast(Buffer x, DType dtype) {
    return PureMovement.cast(PureBuffer.check(x, "cast"), dtype);
  }

  @Override
  public Buffer matmul(Buffer a, Buffer b, boolean transposeA, boolean transposeB) {
    return PureLinalg.matmul(PureBuffer.check(a, "matmul"), PureBuffer.check(b, "matmul"), transposeA, transposeB);
  }

  @Override
  public Buffer conv2d(Buffer input, Buffer weight, Conv2dSpec spec) {
    return PureLinalg.conv2d(PureBuffer.check(input, "conv2d"), PureBuffer.check(weight, "conv2d"), spec);
  }

  @Override
  public Buffer conv2dBackwardInput(Buffer gradOutput, Buffer weight, Shape inputShape, Conv2dSpec spec) {
    String name = "conv2dBackwardInput";
    return PureLinalg.conv2dBackwardInput(PureBuffer.check(gradOutput, name), PureBuffer.check(weight, name),
        inputShape, spec);
  }

  @Override
  public Buffer conv2dBackwardWeight(Buffer input, Buffer gradOutput, Shape weightShape, Conv2dSpec spec) {
    String name = "conv2dBackwardWeight";
    return PureLinalg.conv2dBackwardWeight(PureBuffer.check(input, name), PureBuffer.check(gradOutput, name),
        weightShape, spec);
  }
}
