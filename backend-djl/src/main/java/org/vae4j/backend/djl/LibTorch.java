package org.vae4j.backend.djl;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one door to DJL's internal {@code ai.djl.pytorch.jni.JniUtils}, libtorch's operations as DJL binds them:
 * the only file of this backend that names it, so a DJL upgrade that changes those bindings touches this file
 * alone. Each method is the {@code JniUtils} function of the same name and arguments (see DJL's source for
 * their meaning); a libtorch failure ({@link EngineException}) comes out as an {@link IllegalStateException}
 * naming the function, so no engine exception leaves the backend. Thread-safe (stateless).
 *
 * <p>Besides the tensor functions it holds the TorchScript door ({@link #loadModule}, {@link #runMethod} and
 * the {@code IValue} makers), through which {@link TorchScriptOps} reaches libtorch operators the JNI does not
 * bind.
 */
final class LibTorch {
  private LibTorch() {
  }

  static PtNDArray abs(PtNDArray x) {
    return call("abs", () -> JniUtils.abs(x));
  }

  static void adamUpdate(PtNDArray weight, PtNDArray grad, PtNDArray mean, PtNDArray variance, float learningRate,
      float learningRateBiasCorrection, float weightDecay, float rescaleGrad, float clipGrad, float beta1,
      float beta2, float eps, boolean adamw) {
    run("adamUpdate", () -> JniUtils.adamUpdate(weight, grad, mean, variance, learningRate,
        learningRateBiasCorrection, weightDecay, rescaleGrad, clipGrad, beta1, beta2, eps, adamw));
  }

  static PtNDArray add(PtNDArray a, PtNDArray b) {
    return call("add", () -> JniUtils.add(a, b));
  }

  static void addi(PtNDArray a, PtNDArray b) {
    run("addi", () -> JniUtils.addi(a, b));
  }

  static PtNDArray arange(PtNDManager manager, float start, float stop, float step, DataType type, Device device,
      SparseFormat format) {
    return call("arange", () -> JniUtils.arange(manager, start, stop, step, type, device, format));
  }

  static PtNDArray argMax(PtNDArray x, long axis, boolean keepDims) {
    return call("argMax", () -> JniUtils.argMax(x, axis, keepDims));
  }

  static PtNDArray argMin(PtNDArray x, long axis, boolean keepDims) {
    return call("argMin", () -> JniUtils.argMin(x, axis, keepDims));
  }

  static PtNDArray broadcast(PtNDArray x, Shape shape) {
    return call("broadcast", () -> JniUtils.broadcast(x, shape));
  }

  static PtNDArray cat(PtNDArray[] parts, long axis) {
    return call("cat", () -> JniUtils.cat(parts, axis));
  }

  static PtNDArray clone(PtNDArray x) {
    return call("clone", () -> JniUtils.clone(x));
  }

  static PtNDArray convolution(PtNDArray input, PtNDArray weight, PtNDArray bias, Shape stride, Shape padding,
      Shape dilation, int groups) {
    return call("convolution", () -> JniUtils.convolution(input, weight, bias, stride, padding, dilation, groups));
  }

  static PtNDArray createNdFromByteBuffer(PtNDManager manager, ByteBuffer data, Shape shape, DataType type,
      SparseFormat format, Device device) {
    return call("createNdFromByteBuffer", () -> JniUtils.createNdFromByteBuffer(manager, data, shape, type, format,
        device));
  }

  static PtNDArray createSparseCoo(PtNDArray indices, PtNDArray values, Shape shape) {
    return call("createSparseCoo", () -> JniUtils.createSparseCoo(indices, values, shape));
  }

  static PtNDArray div(PtNDArray a, PtNDArray b) {
    return call("div", () -> JniUtils.div(a, b));
  }

  static PtNDArray eq(PtNDArray a, PtNDArray b) {
    return call("eq", () -> JniUtils.eq(a, b));
  }

  static PtNDArray erf(PtNDArray x) {
    return call("erf", () -> JniUtils.erf(x));
  }

  static PtNDArray exp(PtNDArray x) {
    return call("exp", () -> JniUtils.exp(x));
  }

  static PtNDArray flip(PtNDArray x, long[] axes) {
    return call("flip", () -> JniUtils.flip(x, axes));
  }

  static PtNDArray floor(PtNDArray x) {
    return call("floor", () -> JniUtils.floor(x));
  }

  static PtNDArray full(PtNDManager manager, Shape shape, double value, DataType type, Device device,
      SparseFormat format) {
    return call("full", () -> JniUtils.full(manager, shape, value, type, device, format));
  }

  static PtNDArray gammaln(PtNDArray x) {
    return call("gammaln", () -> JniUtils.gammaln(x));
  }

  static PtNDArray gather(PtNDArray x, PtNDArray index, long axis) {
    return call("gather", () -> JniUtils.gather(x, index, axis));
  }

  static ByteBuffer getByteBuffer(PtNDArray x, boolean tryDirect) {
    return call("getByteBuffer", () -> JniUtils.getByteBuffer(x, tryDirect));
  }

  /** libtorch's intra-op thread count for the calling thread ({@code at::get_num_threads}). */
  static int getNumThreads() {
    return call("getNumThreads", JniUtils::getNumThreads);
  }

  static PtNDArray logSoftmax(PtNDArray x, long axis) {
    return call("logSoftmax", () -> JniUtils.logSoftmax(x, axis, x.getDataType()));
  }

  static PtNDArray gt(PtNDArray a, PtNDArray b) {
    return call("gt", () -> JniUtils.gt(a, b));
  }

  static PtNDArray gte(PtNDArray a, PtNDArray b) {
    return call("gte", () -> JniUtils.gte(a, b));
  }

  static PtNDArray index(PtNDArray x, long[] begin, long[] end, long[] step, PtNDManager manager) {
    return call("index", () -> JniUtils.index(x, begin, end, step, manager));
  }

  static PtNDArray isInf(PtNDArray x) {
    return call("isInf", () -> JniUtils.isInf(x));
  }

  static PtNDArray linear(PtNDArray x, PtNDArray weight, PtNDArray bias) {
    return call("linear", () -> JniUtils.linear(x, weight, bias));
  }

  static PtNDArray log(PtNDArray x) {
    return call("log", () -> JniUtils.log(x));
  }

  static PtNDArray logicalAnd(PtNDArray a, PtNDArray b) {
    return call("logicalAnd", () -> JniUtils.logicalAnd(a, b));
  }

  static PtNDArray logicalOr(PtNDArray a, PtNDArray b) {
    return call("logicalOr", () -> JniUtils.logicalOr(a, b));
  }

  static PtNDArray lt(PtNDArray a, PtNDArray b) {
    return call("lt", () -> JniUtils.lt(a, b));
  }

  static PtNDArray lte(PtNDArray a, PtNDArray b) {
    return call("lte", () -> JniUtils.lte(a, b));
  }

  static PtNDArray matmul(PtNDArray a, PtNDArray b) {
    return call("matmul", () -> JniUtils.matmul(a, b));
  }

  static PtNDArray max(PtNDArray a, PtNDArray b) {
    return call("max", () -> JniUtils.max(a, b));
  }

  static PtNDArray max(PtNDArray x, long axis, boolean keepDims) {
    return call("max", () -> JniUtils.max(x, axis, keepDims));
  }

  static PtNDArray min(PtNDArray a, PtNDArray b) {
    return call("min", () -> JniUtils.min(a, b));
  }

  /** The smallest element of a non-empty x (NaN when x holds one), a tensor of shape (). */
  static PtNDArray min(PtNDArray x) {
    return call("min", () -> JniUtils.min(x));
  }

  /** The value of a one-element FLOAT32 or FLOAT64 tensor, copied to the host. */
  static double scalarValue(PtNDArray x) {
    ByteBuffer b = hostBytes(x);
    return x.getDataType() == DataType.FLOAT64 ? b.getDouble(0) : b.getFloat(0);
  }

  /** x's row-major bytes in native order, a copy on the Java heap, taken off the device first when needed. */
  static ByteBuffer hostBytes(PtNDArray x) {
    if (!x.getDevice().isGpu()) {
      return getByteBuffer(x, false);
    }
    PtNDArray host = to(x, x.getDataType(), Device.cpu());
    try {
      return getByteBuffer(host, false);
    } finally {
      host.getManager().close(); // DJL made a CPU sub-manager for the copy
    }
  }

  static PtNDArray min(PtNDArray x, long axis, boolean keepDims) {
    return call("min", () -> JniUtils.min(x, axis, keepDims));
  }

  static PtNDArray mul(PtNDArray a, PtNDArray b) {
    return call("mul", () -> JniUtils.mul(a, b));
  }

  static void muli(PtNDArray a, PtNDArray b) {
    run("muli", () -> JniUtils.muli(a, b));
  }

  static PtNDArray neg(PtNDArray x) {
    return call("neg", () -> JniUtils.neg(x));
  }

  static PtNDArray neq(PtNDArray a, PtNDArray b) {
    return call("neq", () -> JniUtils.neq(a, b));
  }

  static PtNDArray pad(PtNDArray x, long[] sizes, double value) {
    return call("pad", () -> JniUtils.pad(x, sizes, value));
  }

  static PtNDArray permute(PtNDArray x, long[] axes) {
    return call("permute", () -> JniUtils.permute(x, axes));
  }

  static PtNDArray pow(PtNDArray a, PtNDArray b) {
    return call("pow", () -> JniUtils.pow(a, b));
  }

  static PtNDArray relu(PtNDArray x) {
    return call("relu", () -> JniUtils.relu(x));
  }

  static PtNDArray reshape(PtNDArray x, long[] shape) {
    return call("reshape", () -> JniUtils.reshape(x, shape));
  }

  /** Sets the intra-op thread count ({@code at::set_num_threads}: OpenMP's and MKL's for this thread). */
  static void setNumThreads(int threads) {
    run("setNumThreads", () -> JniUtils.setNumThreads(threads));
  }

  static PtNDArray sigmoid(PtNDArray x) {
    return call("sigmoid", () -> JniUtils.sigmoid(x));
  }

  static PtNDArray sign(PtNDArray x) {
    return call("sign", () -> JniUtils.sign(x));
  }

  static PtNDArray sin(PtNDArray x) {
    return call("sin", () -> JniUtils.sin(x));
  }

  static PtNDArray softPlus(PtNDArray x) {
    return call("softPlus", () -> JniUtils.softPlus(x));
  }

  static PtNDArray sqrt(PtNDArray x) {
    return call("sqrt", () -> JniUtils.sqrt(x));
  }

  static PtNDArray square(PtNDArray x) {
    return call("square", () -> JniUtils.square(x));
  }

  static PtNDArray stack(PtNDArray[] parts, int axis) {
    return call("stack", () -> JniUtils.stack(parts, axis));
  }

  static PtNDArray sub(PtNDArray a, PtNDArray b) {
    return call("sub", () -> JniUtils.sub(a, b));
  }

  static void subi(PtNDArray a, PtNDArray b) {
    run("subi", () -> JniUtils.subi(a, b));
  }

  static PtNDArray sum(PtNDArray x, long[] axes, boolean keepDims) {
    return call("sum", () -> JniUtils.sum(x, axes, keepDims));
  }

  static PtNDArray tan(PtNDArray x) {
    return call("tan", () -> JniUtils.tan(x));
  }

  static PtNDArray tanh(PtNDArray x) {
    return call("tanh", () -> JniUtils.tanh(x));
  }

  static PtNDArray to(PtNDArray x, DataType type, Device device) {
    return call("to", () -> JniUtils.to(x, type, device));
  }

  static PtNDArray toDense(PtNDArray x) {
    return call("toDense", () -> JniUtils.toDense(x));
  }

  static PtNDArray transpose(PtNDArray x, long axis1, long axis2) {
    return call("transpose", () -> JniUtils.transpose(x, axis1, axis2));
  }

  static PtNDArray where(PtNDArray condition, PtNDArray ifTrue, PtNDArray ifFalse) {
    return call("where", () -> JniUtils.where(condition, ifTrue, ifFalse));
  }

  /** The TorchScript module (a {@code torch.jit.save} archive) read from {@code in}, on the manager's device. */
  static PtSymbolBlock loadModule(PtNDManager manager, InputStream in) {
    return call("loadModule", () -> {
      try {
        return JniUtils.loadModule(manager, in, false, false);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Runs method {@code name} of {@code module} on {@code args}; the caller closes the result and the args. */
  static IValue runMethod(PtSymbolBlock module, String name, IValue... args) {
    return call("runMethod " + name, () -> IValueUtils.runMethod(module, name, args));
  }

  static IValue value(PtNDArray tensor) {
    return IValue.from(tensor);
  }

  static IValue value(double number) {
    return IValue.from(number);
  }

  static IValue value(long number) {
    return IValue.from(number);
  }

  static IValue values(long... numbers) {
    return IValue.listFrom(numbers);
  }

  /** A TorchScript {@code List[Tensor]} of the tensors (not copied). */
  static IValue tensors(List<PtNDArray> tensors) {
    return IValue.listFrom(tensors.toArray(new PtNDArray[0]));
  }

  /** The tensor an {@code IValue} holds, as a new handle registered with {@code manager}. */
  static PtNDArray tensor(IValue value, PtNDManager manager) {
    return call("iValueToTensor", () -> value.toTensor(manager));
  }

  private static <T> T call(String function, Supplier<T> body) {
    try {
      return body.get();
    } catch (EngineException e) {
      throw new IllegalStateException("libtorch: " + function + " failed: " + e.getMessage(), e);
    }
  }

  private static void run(String function, Runnable body) {
    call(function, () -> {
      body.run();
      return null;
    });
  }
}
