package org.vae4j.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.IndexOutOfRangeException;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.AdamStep;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.api.spi.Kernels;
import org.vae4j.api.spi.LstmCellState;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * vae4j's primitive ops on libtorch tensors of one device. Every returned {@link DjlBuffer} owns one new tensor
 * handle; intermediates are closed before a method returns. Thread-safe: no mutable state besides DJL's manager,
 * which locks. Inputs must be open buffers made by this instance.
 */
public final class DjlKernels implements Kernels {
  /** The fused kernels of {@link DjlFused} and {@link DjlLstmCell}, on every device. */
  static final Set<Capability> FUSED = Set.of(Capability.FUSED_LINEAR, Capability.FUSED_ADAM,
      Capability.FUSED_BCE_WITH_LOGITS, Capability.FUSED_LSTM_CELL, Capability.FUSED_LOG_SOFTMAX);
  private final Device device;
  private final TorchContext ctx;
  private final DjlHost host;
  private final DjlElementwise elementwise;
  private final DjlReductions reductions;
  private final DjlMovement movement;
  private final DjlIndexing indexing;
  private final DjlLinalg linalg;
  private final DjlFused fused;
  private final IntraOpThreads threads;

  DjlKernels(Engine engine, Device device) {
    this(engine, device, true);
  }

  /**
   * Kernels on {@code device}; with {@code libtorchOps} false the {@link TorchScriptOps} are not loaded and
   * the convolution gradients, Adam and the comparisons take the compositions used where that module cannot
   * load (tests).
   */
  DjlKernels(Engine engine, Device device, boolean libtorchOps) {
    this.device = device;
    ai.djl.Device djlDevice = device.type() == Device.Type.GPU
        ? ai.djl.Device.gpu(device.index()) : ai.djl.Device.cpu();
    this.ctx = new TorchContext((PtNDManager) engine.newBaseManager(djlDevice));
    this.host = new DjlHost(ctx);
    Optional<TorchScriptOps> script = libtorchOps ? TorchScriptOps.load(ctx) : Optional.empty();
    this.elementwise = new DjlElementwise(ctx, script);
    this.reductions = new DjlReductions(ctx);
    this.movement = new DjlMovement(ctx);
    this.indexing = new DjlIndexing(ctx, script);
    this.linalg = new DjlLinalg(ctx, script);
    this.fused = new DjlFused(ctx, script);
    this.threads = new IntraOpThreads(!Boolean.getBoolean(IntraOpThreads.TEAM_FOR_ALL_OPS));
  }

  @Override
  public String backendName() {
    return DjlBackendProvider.NAME;
  }

  @Override
  public Device device() {
    return device;
  }

  @Override
  public Buffer fromFloats(float[] data, Shape shape) {
    checkSize("fromFloats", data.length, shape);
    return wrap("fromFloats", threads.serial(() -> host.fromFloats(data, shape)));
  }

  @Override
  public Buffer fromDoubles(double[] data, Shape shape) {
    checkSize("fromDoubles", data.length, shape);
    return wrap("fromDoubles", threads.serial(() -> host.fromDoubles(data, shape)));
  }

  @Override
  public Buffer fromInts(int[] data, Shape shape) {
    checkSize("fromInts", data.length, shape);
    return wrap("fromInts", threads.serial(() -> host.fromInts(data, shape)));
  }

  @Override
  public Buffer full(Shape shape, DType dtype, double value) {
    return wrap("full", threads.serial(() -> ctx.full(DTypes.toDjl(shape), value, DTypes.toDjl(dtype))));
  }

  @Override
  public float[] toFloats(Buffer x) {
    return host.toFloats(array("toFloats", x));
  }

  @Override
  public double[] toDoubles(Buffer x) {
    return host.toDoubles(array("toDoubles", x));
  }

  @Override
  public int[] toInts(Buffer x) {
    return host.toInts(array("toInts", x));
  }

  @Override
  public Buffer unary(UnaryOp op, Buffer x) {
    String name = "unary " + op;
    return wrap(name, threads.serial(() -> elementwise.unary(op, array(name, x))));
  }

  @Override
  public Buffer binary(BinaryOp op, Buffer a, Buffer b) {
    String name = "binary " + op;
    return wrap(name, threads.serial(() -> elementwise.binary(op, array(name, a), array(name, b))));
  }

  @Override
  public Buffer where(Buffer condition, Buffer ifTrue, Buffer ifFalse) {
    return wrap("where", threads.serial(() -> elementwise.where(array("where", condition), array("where", ifTrue),
        array("where", ifFalse))));
  }

  @Override
  public Buffer reduce(ReduceOp op, Buffer x, int[] axes, boolean keepDims) {
    String name = "reduce " + op;
    return wrap(name, threads.serial(() -> reductions.reduce(op, array(name, x), axes, keepDims)));
  }

  @Override
  public Buffer sumOfSquares(Buffer x) {
    String name = "sumOfSquares";
    return wrap(name, threads.serial(() -> reductions.sumOfSquares(array(name, x))));
  }

  @Override
  public Buffer argReduce(ReduceOp op, Buffer x, int axis) {
    String name = "argReduce " + op;
    return wrap(name, threads.serial(() -> reductions.argReduce(op, array(name, x), axis)));
  }

  @Override
  public Buffer reshape(Buffer x, Shape shape) {
    if (x.shape().size() != shape.size()) {
      throw new IllegalArgumentException("reshape: " + x.shape() + " has " + x.shape().size()
          + " elements, " + shape + " has " + shape.size());
    }
    return view(x, wrap("reshape", movement.reshape(array("reshape", x), shape)));
  }

  @Override
  public Buffer permute(Buffer x, int[] axes) {
    return view(x, wrap("permute", movement.permute(array("permute", x), axes)));
  }

  @Override
  public Buffer expand(Buffer x, Shape shape) {
    return view(x, wrap("expand", movement.expand(array("expand", x), shape)));
  }

  @Override
  public Buffer slice(Buffer x, int[] begin, int[] end) {
    return view(x, wrap("slice", movement.slice(array("slice", x), begin, end)));
  }

  @Override
  public Buffer pad(Buffer x, int[] before, int[] after, double value) {
    return wrap("pad", threads.serial(() -> movement.pad(array("pad", x), before, after, value)));
  }

  @Override
  public Buffer concat(List<Buffer> parts, int axis) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("concat: no parts to join along axis " + axis + "; pass at least one");
    }
    List<PtNDArray> arrays = new ArrayList<>(parts.size());
    for (Buffer p : parts) {
      arrays.add(array("concat", p));
    }
    return wrap("concat", threads.serial(() -> movement.concat(arrays, axis)));
  }

  /** libtorch checks gather's indices; its error is replaced by vae4j's, found on the host. */
  @Override
  public Buffer gather(Buffer x, int axis, Buffer index) {
    PtNDArray in = array("gather", x);
    PtNDArray idx = array("gather", index);
    try {
      return wrap("gather", threads.serial(() -> indexing.gather(in, axis, idx)));
    } catch (IllegalStateException libtorchFailed) {
      IndexOutOfRangeException bad = IndexOutOfRangeException.firstOutOfRange("gather", host.toInts(idx), axis,
          x.shape());
      throw bad != null ? bad : libtorchFailed;
    }
  }

  /**
   * The indices are checked on the host first: the sparse tensor scatter-add is built from does not check
   * them, and densifying one with an index out of range is undefined behaviour in libtorch.
   */
  @Override
  public Buffer scatterAdd(Shape shape, int axis, Buffer index, Buffer src) {
    PtNDArray idx = array("scatterAdd", index);
    IndexOutOfRangeException bad = IndexOutOfRangeException.firstOutOfRange("scatterAdd", host.toInts(idx), axis,
        shape);
    if (bad != null) {
      throw bad;
    }
    PtNDArray values = array("scatterAdd", src);
    return wrap("scatterAdd", threads.serial(() -> indexing.scatterAdd(shape, axis, idx, values)));
  }

  @Override
  public Buffer cast(Buffer x, DType dtype) {
    return view(x, wrap("cast", threads.serial(() -> movement.cast(array("cast", x), DTypes.toDjl(dtype)))));
  }

  @Override
  public Buffer matmul(Buffer a, Buffer b, boolean transposeA, boolean transposeB) {
    long rows = a.shape().dim(transposeA ? -1 : -2);
    long columns = b.shape().dim(transposeB ? -2 : -1);
    long multiplyAdds = Math.max(a.shape().size() * columns, b.shape().size() * rows);
    return wrap("matmul", threads.product(multiplyAdds,
        () -> linalg.matmul(array("matmul", a), array("matmul", b), transposeA, transposeB)));
  }

  @Override
  public Buffer conv2d(Buffer input, Buffer weight, Conv2dSpec spec) {
    return wrap("conv2d", linalg.conv2d(array("conv2d", input), array("conv2d", weight), spec));
  }

  @Override
  public Buffer conv2dBackwardInput(Buffer gradOutput, Buffer weight, Shape inputShape, Conv2dSpec spec) {
    String name = "conv2dBackwardInput";
    return wrap(name, linalg.conv2dBackwardInput(array(name, gradOutput), array(name, weight), inputShape,
        spec));
  }

  @Override
  public Buffer conv2dBackwardWeight(Buffer input, Buffer gradOutput, Shape weightShape, Conv2dSpec spec) {
    String name = "conv2dBackwardWeight";
    return wrap(name, linalg.conv2dBackwardWeight(array(name, input), array(name, gradOutput), weightShape,
        spec));
  }

  /** Number of libtorch tensors this instance holds: one per open buffer when nothing leaks. */
  int liveTensors() {
    return ctx.liveTensors();
  }

  /** Deletes every tensor still held; buffers of this instance are unusable afterwards. */
  void close() {
    ctx.close();
  }

  @Override
  public Set<Capability> capabilities() {
    return FUSED;
  }

  @Override
  public Buffer linear(Buffer x, Buffer weight, Buffer bias) {
    return wrap("linear", threads.product(x.shape().size() * weight.shape().dim(0),
        () -> fused.linear(array("linear", x), array("linear", weight),
            bias == null ? null : array("linear", bias))));
  }

  @Override
  public Buffer bceWithLogits(Buffer logits, Buffer targets) {
    return wrap("bceWithLogits", threads.serial(() -> fused.bceWithLogits(array("bceWithLogits", logits),
        array("bceWithLogits", targets))));
  }

  /** libtorch's log_softmax along the last axis, on the calling thread (see {@link IntraOpThreads}). */
  @Override
  public Buffer logSoftmax(Buffer x) {
    String op = "logSoftmax";
    if (x.shape().rank() < 1 || !x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": needs a FLOAT32 or FLOAT64 tensor of rank 1 or more, got "
          + x.dtype() + " " + x.shape());
    }
    return wrap(op, threads.serial(() -> fused.logSoftmax(array(op, x))));
  }

  /** libtorch's backward of log_softmax, through the TorchScript module; where it could not load, the default. */
  @Override
  public Buffer logSoftmaxGradient(Buffer grad, Buffer output) {
    String op = "logSoftmaxGradient";
    if (!grad.shape().equals(output.shape()) || grad.dtype() != output.dtype()) {
      throw new IllegalArgumentException(op + ": grad " + grad.dtype() + " " + grad.shape() + " and output "
          + output.dtype() + " " + output.shape() + " must have one shape and dtype");
    }
    if (!fused.hasLogSoftmaxGradient()) {
      return Kernels.super.logSoftmaxGradient(grad, output);
    }
    return wrap(op, threads.serial(() -> fused.logSoftmaxGradient(array(op, grad), array(op, output))));
  }

  /**
   * Updates {@code param} in place and returns it when no other buffer can share its storage (see
   * {@link DjlBuffer#mayShareStorage()}), else returns a new buffer from an updated clone.
   */
  @Override
  public Buffer adamUpdate(Buffer param, Buffer grad, Buffer m, Buffer v, AdamStep step) {
    PtNDArray p = array("adamUpdate", param);
    boolean inPlace = !((DjlBuffer) param).mayShareStorage();
    PtNDArray out = fused.adamUpdate(p, array("adamUpdate", grad), array("adamUpdate", m),
        array("adamUpdate", v), step, inPlace);
    return inPlace ? param : wrap("adamUpdate", out);
  }

  /**
   * Every parameter in one libtorch call, on one intra-op thread (the update is memory-bound, and waking
   * libtorch's team for each parameter cost more than the second thread gave); under {@link #adamUpdate}'s
   * rules, a parameter that may share its storage gets an updated clone. Where the TorchScript module could not
   * load, one {@link #adamUpdate} each.
   */
  @Override
  public List<Buffer> adamUpdates(List<Buffer> params, List<Buffer> grads, List<Buffer> ms, List<Buffer> vs,
      AdamStep step) {
    int n = params.size();
    if (!fused.updatesAllInOneCall() || grads.size() != n || ms.size() != n || vs.size() != n) {
      return Kernels.super.adamUpdates(params, grads, ms, vs, step); // a length mismatch throws, naming them
    }
    String op = "adamUpdates";
    List<PtNDArray> targets = new ArrayList<>(n);
    List<PtNDArray> g = new ArrayList<>(n);
    List<PtNDArray> m = new ArrayList<>(n);
    List<PtNDArray> v = new ArrayList<>(n);
    boolean[] cloned = new boolean[n];
    try {
      for (int i = 0; i < n; i++) {
        PtNDArray target = array(op, params.get(i));
        cloned[i] = ((DjlBuffer) params.get(i)).mayShareStorage();
        targets.add(cloned[i] ? LibTorch.clone(target) : target);
        g.add(array(op, grads.get(i)));
        m.add(array(op, ms.get(i)));
        v.add(array(op, vs.get(i)));
      }
      threads.serial(() -> {
        fused.adamUpdateAllInPlace(targets, g, m, v, step);
        return null;
      });
    } catch (RuntimeException e) {
      for (int i = 0; i < targets.size(); i++) {
        if (cloned[i]) {
          targets.get(i).close();
        }
      }
      throw e;
    }
    List<Buffer> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      result.add(cloned[i] ? wrap(op, targets.get(i)) : params.get(i));
    }
    return result;
  }

  /** One LSTM-cell step through libtorch's LSTM, see {@link DjlLstmCell}. */
  @Override
  public LstmCellState lstmCell(Buffer x, Buffer h, Buffer c, Buffer weightIh, Buffer weightHh, Buffer biasIh,
      Buffer biasHh) {
    String op = "lstmCell";
    PtNDArray[] next = DjlLstmCell.step(array(op, x), array(op, h), array(op, c), array(op, weightIh),
        array(op, weightHh), array(op, biasIh), array(op, biasHh));
    DjlBuffer hNext = wrap(op, next[0]);
    try {
      return new LstmCellState(hNext, wrap(op, next[1]));
    } catch (RuntimeException e) {
      hNext.close();
      throw e;
    }
  }

  /** Marks a movement kernel's input and result as possibly sharing storage (libtorch views). */
  private static Buffer view(Buffer input, DjlBuffer result) {
    ((DjlBuffer) input).markShared();
    result.markShared();
    return result;
  }

  private DjlBuffer wrap(String op, PtNDArray result) {
    try {
      return new DjlBuffer(this, result, DTypes.fromDjl(result.getShape()),
          DTypes.fromDjl(result.getDataType(), op));
    } catch (RuntimeException e) {
      result.close();
      throw e;
    }
  }

  private PtNDArray array(String op, Buffer b) {
    if (!(b instanceof DjlBuffer d) || d.owner() != this) {
      throw new IllegalArgumentException(op + ": buffer " + b + " was not made by the djl kernels for " + device
          + "; move it with the tensor API first");
    }
    return d.array(op);
  }

  private static void checkSize(String op, int length, Shape shape) {
    if (length != shape.size()) {
      throw new IllegalArgumentException(op + ": " + length + " elements given for shape " + shape
          + " of " + shape.size());
    }
  }
}
