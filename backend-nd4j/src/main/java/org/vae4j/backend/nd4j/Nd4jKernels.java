package org.vae4j.backend.nd4j;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * {@link Kernels} on ND4J: every op is one or a few native libnd4j calls on {@link Nd4jBuffer}s.
 *
 * <p>Every op runs with ND4J workspaces switched off for the calling thread (so an ND4J workspace the
 * caller may have opened never captures vae4j memory) and returns a new buffer that owns fresh memory,
 * except {@link #reshape} and a same-type {@link #cast}, which share the input's memory under reference
 * counting. The memory-bound kernels run with one libnd4j thread, the products and convolutions with the
 * whole team ({@link Nd4jIntraOpThreads}). Thread-safe: the instance holds no mutable state, and libnd4j ops
 * on distinct outputs may run concurrently.
 */
public final class Nd4jKernels implements Kernels {
  /** The fused kernels of {@link Nd4jFused}, on every device. */
  static final Set<Capability> FUSED =
      Set.of(Capability.FUSED_LINEAR, Capability.FUSED_ADAM, Capability.FUSED_BCE_WITH_LOGITS);

  private final String backendName;
  private final Device device;
  private final Nd4jIntraOpThreads threads;

  Nd4jKernels(String backendName, Device device) {
    this.backendName = backendName;
    this.device = device;
    this.threads = new Nd4jIntraOpThreads(true);
  }

  @Override
  public String backendName() {
    return backendName;
  }

  @Override
  public Device device() {
    return device;
  }

  // ---- host transfer ------------------------------------------------------------------------------

  @Override
  public Buffer fromFloats(float[] data, Shape shape) {
    return run(() -> wrap(Nd4jHost.fromFloats(data, shape), shape));
  }

  @Override
  public Buffer fromDoubles(double[] data, Shape shape) {
    return run(() -> wrap(Nd4jHost.fromDoubles(data, shape), shape));
  }

  @Override
  public Buffer fromInts(int[] data, Shape shape) {
    return run(() -> wrap(Nd4jHost.fromInts(data, shape), shape));
  }

  @Override
  public Buffer full(Shape shape, DType dtype, double value) {
    return run(() -> wrap(Nd4jOps.full(Nd4jTypes.nd(dtype), shape, value), shape));
  }

  @Override
  public float[] toFloats(Buffer x) {
    Nd4jBuffer b = input(x, "toFloats");
    return run(() -> Nd4jHost.toFloats(b.memory(), b.shape()));
  }

  @Override
  public double[] toDoubles(Buffer x) {
    Nd4jBuffer b = input(x, "toDoubles");
    return run(() -> Nd4jHost.toDoubles(b.memory(), b.shape()));
  }

  @Override
  public int[] toInts(Buffer x) {
    Nd4jBuffer b = input(x, "toInts");
    return run(() -> Nd4jHost.toInts(b.memory(), b.shape()));
  }

  // ---- elementwise --------------------------------------------------------------------------------

  @Override
  public Buffer unary(UnaryOp op, Buffer x) {
    Nd4jBuffer b = input(x, "unary " + op);
    Supplier<Buffer> body = () -> isEmpty(b.shape()) ? empty(b)
        : wrap(Nd4jElementwise.unary(op, b.array(), b.shape()), b.shape());
    boolean team = TRANSCENDENTAL.contains(op) && b.shape().size() >= TRANSCENDENTAL_TEAM_ELEMENTS;
    return team ? product(body) : run(body);
  }

  @Override
  public Buffer binary(BinaryOp op, Buffer a, Buffer b) {
    Nd4jBuffer x = input(a, "binary " + op);
    Nd4jBuffer y = input(b, "binary " + op);
    Shape shape = Shape.broadcast("binary " + op, x.shape(), y.shape());
    return run(() -> isEmpty(shape) ? empty(x.dtype(), shape)
        : wrap(Nd4jElementwise.binary(op, x.array(), y.array(), shape), shape));
  }

  @Override
  public Buffer where(Buffer condition, Buffer ifTrue, Buffer ifFalse) {
    Nd4jBuffer c = input(condition, "where");
    Nd4jBuffer t = input(ifTrue, "where");
    Nd4jBuffer f = input(ifFalse, "where");
    Shape shape = Shape.broadcast("where", Shape.broadcast("where", c.shape(), t.shape()), f.shape());
    return run(() -> isEmpty(shape) ? empty(t.dtype(), shape) : wrap(Nd4jElementwise.where(c.array(),
        c.shape(), t.array(), t.shape(), f.array(), f.shape(), shape), shape));
  }

  // ---- reductions ---------------------------------------------------------------------------------

  @Override
  public Buffer reduce(ReduceOp op, Buffer x, int[] axes, boolean keepDims) {
    Nd4jBuffer b = input(x, "reduce " + op);
    Shape shape = Nd4jShapes.reduced(b.shape(), axes, keepDims);
    if (isEmpty(b.shape()) && op != ReduceOp.SUM && !isEmpty(shape)) {
      throw new IllegalArgumentException("reduce " + op + ": shape " + b.shape() + " has no elements to "
          + "take the " + op + " of along axes " + java.util.Arrays.toString(axes));
    }
    return run(() -> isEmpty(b.shape()) ? wrap(Nd4jOps.zeros(Nd4jTypes.nd(b.dtype()), shape), shape)
        : wrap(Nd4jReductions.reduce(op, b.array(), b.shape(), axes, keepDims, shape), shape));
  }

  @Override
  public Buffer sumOfSquares(Buffer x) {
    Nd4jBuffer b = input(x, "sumOfSquares");
    if (!Nd4jHostLoops.available() || !b.dtype().isFloatingPoint()) {
      return Kernels.super.sumOfSquares(x);
    }
    return run(() -> {
      double total = Nd4jHostLoops.sumOfSquares(b.memory(), b.shape());
      return wrap(b.dtype() == DType.FLOAT64 ? Nd4jHost.fromDoubles(new double[] {total}, Shape.of())
          : Nd4jHost.fromFloats(new float[] {(float) total}, Shape.of()), Shape.of());
    });
  }

  @Override
  public Buffer argReduce(ReduceOp op, Buffer x, int axis) {
    Nd4jBuffer b = input(x, "argReduce " + op);
    Shape shape = Nd4jShapes.reduced(b.shape(), new int[] {axis}, false);
    if (b.shape().dim(axis) == 0) {
      throw new IllegalArgumentException("argReduce " + op + ": axis " + axis + " of shape " + b.shape()
          + " is empty");
    }
    return run(() -> isEmpty(shape) ? empty(DType.INT32, shape)
        : wrap(Nd4jReductions.argReduce(op, b.array(), axis, shape), shape));
  }

  // ---- movement -----------------------------------------------------------------------------------

  @Override
  public Buffer reshape(Buffer x, Shape shape) {
    Nd4jBuffer b = input(x, "reshape");
    if (b.shape().size() != shape.size()) {
      throw new IllegalArgumentException("reshape: shape " + b.shape() + " has " + b.shape().size()
          + " elements but " + shape + " has " + shape.size());
    }
    return run(() -> {
      if (isEmpty(shape)) {
        return empty(b.dtype(), shape);
      }
      INDArray memory = b.memory();
      return b.share(Nd4jOps.view(memory, Nd4jTypes.dims(shape)), shape);
    });
  }

  @Override
  public Buffer permute(Buffer x, int[] axes) {
    Nd4jBuffer b = input(x, "permute");
    Shape shape = Nd4jShapes.permuted(b.shape(), axes);
    return run(() -> isEmpty(shape) ? empty(b.dtype(), shape)
        : wrap(Nd4jMovement.permute(b.array(), axes), shape));
  }

  @Override
  public Buffer expand(Buffer x, Shape shape) {
    Nd4jBuffer b = input(x, "expand");
    return run(() -> isEmpty(shape) ? empty(b.dtype(), shape) : wrap(Nd4jMovement.expand(b.array(), shape),
        shape));
  }

  @Override
  public Buffer slice(Buffer x, int[] begin, int[] end) {
    Nd4jBuffer b = input(x, "slice");
    Shape shape = Nd4jShapes.sliced(b.shape(), begin, end);
    return run(() -> isEmpty(shape) ? empty(b.dtype(), shape)
        : wrap(Nd4jMovement.slice(b.array(), begin, end, shape), shape));
  }

  @Override
  public Buffer pad(Buffer x, int[] before, int[] after, double value) {
    Nd4jBuffer b = input(x, "pad");
    Shape shape = Nd4jShapes.padded(b.shape(), before, after);
    return run(() -> isEmpty(shape) ? empty(b.dtype(), shape)
        : wrap(Nd4jMovement.pad(b.array(), b.shape(), before, shape, value), shape));
  }

  @Override
  public Buffer concat(List<Buffer> parts, int axis) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("concat: no parts to join along axis " + axis);
    }
    List<Nd4jBuffer> buffers = new ArrayList<>(parts.size());
    for (Buffer p : parts) {
      buffers.add(input(p, "concat"));
    }
    Shape shape = Nd4jShapes.concatenated(buffers, axis);
    return run(() -> {
      List<INDArray> arrays = new ArrayList<>();
      for (Nd4jBuffer p : buffers) {
        if (!isEmpty(p.shape())) {
          arrays.add(p.array());
        }
      }
      return arrays.isEmpty() ? empty(buffers.get(0).dtype(), shape)
          : wrap(Nd4jMovement.concat(arrays, axis, shape), shape);
    });
  }

  @Override
  public Buffer gather(Buffer x, int axis, Buffer index) {
    Nd4jBuffer b = input(x, "gather");
    Nd4jBuffer i = input(index, "gather");
    Shape shape = i.shape();
    return run(() -> {
      int[] indices = checkedIndices("gather", i, axis, b.shape());
      if (isEmpty(shape)) {
        return empty(b.dtype(), shape);
      }
      return wrap(Nd4jHostLoops.available()
          ? Nd4jHostIndexing.gather(b.memory(), b.shape(), axis, indices, shape)
          : Nd4jIndexing.gather(b.memory(), b.shape(), axis, i.array(), shape), shape);
    });
  }

  @Override
  public Buffer scatterAdd(Shape shape, int axis, Buffer index, Buffer src) {
    Nd4jBuffer i = input(index, "scatterAdd");
    Nd4jBuffer s = input(src, "scatterAdd");
    return run(() -> {
      int[] indices = checkedIndices("scatterAdd", i, axis, shape);
      if (isEmpty(shape)) {
        return empty(s.dtype(), shape);
      }
      if (isEmpty(s.shape())) {
        return wrap(Nd4jOps.zeros(Nd4jTypes.nd(s.dtype()), shape), shape);
      }
      return wrap(Nd4jHostLoops.available()
          ? Nd4jHostIndexing.scatterAdd(shape, axis, indices, s.memory(), s.shape())
          : Nd4jIndexing.scatterAdd(shape, axis, i.array(), s.memory(), s.shape()), shape);
    });
  }

  @Override
  public Buffer cast(Buffer x, DType dtype) {
    Nd4jBuffer b = input(x, "cast");
    return run(() -> b.dtype() == dtype ? b.share(b.array(), b.shape())
        : wrap(Nd4jOps.convert(b.array(), Nd4jTypes.nd(dtype), b.shape()), b.shape()));
  }

  // ---- linear algebra -----------------------------------------------------------------------------

  @Override
  public Buffer matmul(Buffer a, Buffer b, boolean transposeA, boolean transposeB) {
    Nd4jBuffer x = input(a, "matmul");
    Nd4jBuffer y = input(b, "matmul");
    Shape shape = Nd4jShapes.matmul(x.shape(), y.shape(), transposeA, transposeB);
    return product(() -> wrap(Nd4jLinalg.matmul(x.array(), x.shape(), y.array(), y.shape(), transposeA,
        transposeB, shape), shape));
  }

  @Override
  public Buffer conv2d(Buffer input, Buffer weight, Conv2dSpec spec) {
    Nd4jBuffer in = input(input, "conv2d");
    Nd4jBuffer w = input(weight, "conv2d");
    Shape shape = Nd4jShapes.conv2d(in.shape(), w.shape(), spec);
    return product(() -> wrap(Nd4jLinalg.conv2d(in.array(), w.array(), spec, shape), shape));
  }

  @Override
  public Buffer conv2dBackwardInput(Buffer gradOutput, Buffer weight, Shape inputShape, Conv2dSpec spec) {
    Nd4jBuffer g = input(gradOutput, "conv2dBackwardInput");
    Nd4jBuffer w = input(weight, "conv2dBackwardInput");
    Nd4jShapes.checkConvGradient("conv2dBackwardInput", inputShape, w.shape(), g.shape(), spec);
    return product(() -> wrap(Nd4jLinalg.conv2dBackwardInput(g.array(), w.array(), inputShape, spec),
        inputShape));
  }

  @Override
  public Buffer conv2dBackwardWeight(Buffer input, Buffer gradOutput, Shape weightShape, Conv2dSpec spec) {
    Nd4jBuffer in = input(input, "conv2dBackwardWeight");
    Nd4jBuffer g = input(gradOutput, "conv2dBackwardWeight");
    Nd4jShapes.checkConvGradient("conv2dBackwardWeight", in.shape(), weightShape, g.shape(), spec);
    return product(() -> wrap(Nd4jLinalg.conv2dBackwardWeight(in.array(), g.array(), weightShape, spec),
        weightShape));
  }

  /** One {@code conv2d_bp} where {@link Nd4jLinalg#conv2dBackward} takes the pair, else the two kernels. */
  @Override
  public List<Buffer> conv2dBackward(Buffer input, Buffer gradOutput, Buffer weight, Conv2dSpec spec) {
    Nd4jBuffer in = input(input, "conv2dBackward");
    Nd4jBuffer g = input(gradOutput, "conv2dBackward");
    Nd4jBuffer w = input(weight, "conv2dBackward");
    Nd4jShapes.checkConvGradient("conv2dBackward", in.shape(), w.shape(), g.shape(), spec);
    if (!Nd4jLinalg.backwardTogether(w.shape(), spec)) {
      return Kernels.super.conv2dBackward(input, gradOutput, weight, spec);
    }
    INDArray[] both = product(() -> Nd4jLinalg.conv2dBackward(in.array(), g.array(), w.array(), spec,
        in.shape(), w.shape()));
    return List.of(wrap(both[0], in.shape()), wrap(both[1], w.shape()));
  }

  // ---- fused kernels (Nd4jFused) --------------------------------------------------------------------

  @Override
  public Set<Capability> capabilities() {
    return FUSED;
  }

  @Override
  public Buffer linear(Buffer x, Buffer weight, Buffer bias) {
    Nd4jBuffer a = input(x, "linear");
    Nd4jBuffer w = input(weight, "linear");
    Nd4jBuffer b = bias == null ? null : input(bias, "linear");
    Shape shape = Shape.of(a.shape().dim(0), w.shape().dim(0));
    return product(() -> wrap(Nd4jFused.linear(a.array(), w.array(), b == null ? null : b.array(), shape), shape));
  }

  @Override
  public Buffer bceWithLogits(Buffer logits, Buffer targets) {
    Nd4jBuffer l = input(logits, "bceWithLogits");
    Nd4jBuffer t = input(targets, "bceWithLogits");
    return product(() -> wrap(Nd4jFused.bceWithLogits(l.array(), t.array()), l.shape()));
  }

  @Override
  public Buffer adamUpdate(Buffer param, Buffer grad, Buffer m, Buffer v, AdamStep step) {
    Nd4jBuffer p = input(param, "adamUpdate");
    Nd4jBuffer g = input(grad, "adamUpdate");
    Nd4jBuffer mm = input(m, "adamUpdate");
    Nd4jBuffer vv = input(v, "adamUpdate");
    return run(() -> wrap(Nd4jFused.adamUpdate(p.array(), g.array(), mm.array(), vv.array(), step, p.shape()),
        p.shape()));
  }

  /**
   * Unary ops bound by their arithmetic rather than by memory: from {@link #TRANSCENDENTAL_TEAM_ELEMENTS}
   * elements they keep libnd4j's team, which pays for waking it. The PixelCNN prior's step (its gates' tanh
   * and sigmoid on (128, 16, 7, 7)) took 7 % less time and the MLP VAE's 5 % less than with every unary op
   * on one thread ({@code StepAnatomy}, alternating rounds in one process).
   */
  private static final Set<UnaryOp> TRANSCENDENTAL = EnumSet.of(UnaryOp.EXP, UnaryOp.LOG,
      UnaryOp.LOG1P, UnaryOp.EXPM1, UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.SOFTPLUS);
  private static final long TRANSCENDENTAL_TEAM_ELEMENTS = 1L << 15;

  // ---- plumbing -----------------------------------------------------------------------------------

  /** Runs a memory-bound kernel: outside workspaces, with one libnd4j thread (see Nd4jIntraOpThreads). */
  private <T> T run(Supplier<T> body) {
    return product(() -> threads.serial(body));
  }

  /** Runs a product or convolution: outside workspaces, with libnd4j's and OpenBLAS's whole teams. */
  private static <T> T product(Supplier<T> body) {
    MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
    try {
      return body.get();
    } finally {
      outside.close();
    }
  }

  private Nd4jBuffer wrap(INDArray fresh, Shape shape) {
    return Nd4jBuffer.own(fresh, shape, device);
  }

  private Nd4jBuffer empty(Nd4jBuffer like) {
    return empty(like.dtype(), like.shape());
  }

  private Nd4jBuffer empty(DType dtype, Shape shape) {
    return wrap(Nd4jOps.alloc(Nd4jTypes.nd(dtype), shape), shape);
  }

  /**
   * The index tensor's elements, row-major, read on the host, after refusing any outside
   * {@code [0, target.dim(axis))}: libnd4j would read or add at another row's position (the kernels work on
   * flat positions) instead of failing.
   */
  private static int[] checkedIndices(String op, Nd4jBuffer index, int axis, Shape target) {
    int[] indices = Nd4jHost.toInts(index.memory(), index.shape());
    IndexOutOfRangeException bad = IndexOutOfRangeException.firstOutOfRange(op, indices, axis, target);
    if (bad != null) {
      throw bad;
    }
    return indices;
  }

  private static boolean isEmpty(Shape shape) {
    return shape.size() == 0;
  }

  private Nd4jBuffer input(Buffer buffer, String op) {
    if (buffer instanceof Nd4jBuffer b && b.device().equals(device)) {
      return b;
    }
    throw new IllegalArgumentException(op + ": received " + buffer + " of " + buffer.getClass().getName()
        + " on " + buffer.device() + ", but these kernels take only nd4j buffers on " + device
        + "; copy it through the host first");
  }
}
