package org.vae4j.core.autodiff;

import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Kernels;
import org.vae4j.api.spi.Op;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * vae4j's one {@link Tensor} implementation: a backend {@link Buffer} plus, when it was made by a recorded
 * operation, the {@link Node} that made it. Primitive ops go through {@link Primitives}; composites come
 * from {@link CompositeTensor}.
 *
 * <p>Ownership: the tensor holds its buffer and owns its accumulated gradient; the gradient is owned by no
 * scope and lives until {@link #zeroGrad()}, the next accumulation or {@link #close()}. The results of
 * identity operations share their input's buffer ({@link SharedBuffer}): each tensor is closed independently
 * and the buffer is freed with its last holder. A tensor that no scope owns and that becomes unreachable
 * without {@link #close()} is released by the garbage collector's safety net ({@link UnclosedTensors}).
 */
public final class TapeTensor extends CompositeTensor {
  private final Kernels kernels;
  private Node node;
  /** The op that made this tensor, kept after backward freed its {@link #node}; null for a leaf. */
  private final Op madeBy;
  private final BufferHold hold;
  private boolean requiresGrad;
  private TapeTensor grad;

  private TapeTensor(Kernels kernels, SharedBuffer storage, Op op, Object attrs, TapeTensor[] inputs) {
    this.kernels = kernels;
    this.hold = new BufferHold(storage);
    this.node = op == null ? null : new Node(op, inputs, attrs, this);
    this.madeBy = op;
    this.requiresGrad = op != null;
    if (!ScopeFrame.adopt(this)) {
      becameUnowned();
    }
  }

  /** A tensor without history owning {@code buffer}, adopted by the current scope. */
  public static TapeTensor constant(Kernels kernels, Buffer buffer) {
    return new TapeTensor(kernels, new SharedBuffer(buffer), null, null, null);
  }

  static TapeTensor recorded(Kernels kernels, Buffer buffer, Op op, Object attrs, TapeTensor[] inputs) {
    return new TapeTensor(kernels, new SharedBuffer(buffer), op, attrs, inputs);
  }

  /**
   * A new tensor sharing {@code input}'s buffer: the result of an identity operation {@code op}, recorded
   * like any other when the input requires a gradient and recording is on.
   */
  static TapeTensor alias(TapeTensor input, Op op) {
    SharedBuffer shared = input.live().retain();
    boolean track = NoGrad.isRecording() && input.requiresGrad();
    return track ? new TapeTensor(input.kernels, shared, op, null, new TapeTensor[] {input})
        : new TapeTensor(input.kernels, shared, null, null, null);
  }

  /** Casts a user's tensor to the implementation, refusing foreign ones and closed ones. */
  public static TapeTensor of(Tensor t) {
    if (t instanceof TapeTensor tt) {
      tt.buffer();
      return tt;
    }
    throw new IllegalArgumentException("tensor of class " + (t == null ? "null" : t.getClass().getName())
        + " was not made by vae4j-core; make tensors with org.vae4j.core.Tensors");
  }

  /** The backend kernels computing this tensor. */
  public Kernels kernels() {
    return kernels;
  }

  /** The live buffer (possibly shared with other tensors: see {@link #sharesBuffer()}). */
  public Buffer buffer() {
    return live().buffer();
  }

  /**
   * True while another tensor holds this tensor's buffer (an identity result, or the input of one): a kernel
   * that writes a buffer in place must not be given this one.
   */
  public boolean sharesBuffer() {
    return live().isShared();
  }

  /** No scope owns this tensor any more: arm the safety net of {@link UnclosedTensors}. */
  void becameUnowned() {
    hold.watch(this);
  }

  private SharedBuffer live() {
    SharedBuffer storage = hold.get();
    if (storage == null) {
      throw new IllegalStateException("tensor " + describe() + " was closed (its scope ended?); keep() it to use"
          + " it after its scope, or make it outside the scope");
    }
    return storage;
  }

  /** The operation that made this tensor, or null for a leaf and after a backward pass freed it. */
  public Node node() {
    return node;
  }

  /** True when an op made this tensor (even after a backward pass freed its node): it is not a leaf. */
  boolean isRecorded() {
    return madeBy != null;
  }

  /** True when a backward pass freed the graph behind this recorded tensor. */
  boolean graphFreed() {
    return madeBy != null && node == null;
  }

  /** Drops this tensor's node, so its inputs are no longer reachable through it. */
  void freeGraph() {
    node = null;
  }

  /** The op that made this tensor, or null for a leaf. */
  Op madeBy() {
    return madeBy;
  }

  private String describe() {
    SharedBuffer storage = hold.get();
    return (storage == null ? "" : storage.buffer().dtype() + " " + storage.buffer().shape() + " ") + "on "
        + kernels.backendName();
  }

  @Override
  public Shape shape() {
    return buffer().shape();
  }

  @Override
  public DType dtype() {
    return buffer().dtype();
  }

  @Override
  public Device device() {
    return kernels.device();
  }

  @Override
  public String backendName() {
    return kernels.backendName();
  }

  @Override
  public TensorFactory factory() {
    return TapeTensorFactory.on(kernels);
  }

  // ---- primitives ---------------------------------------------------------------------------------------

  @Override
  protected Tensor unary(UnaryOp op) {
    return Primitives.unary(op, this);
  }

  @Override
  protected Tensor binary(BinaryOp op, Tensor other) {
    return Primitives.binary(op, this, other);
  }

  @Override
  public Tensor where(Tensor ifTrue, Tensor ifFalse) {
    return Primitives.where(this, ifTrue, ifFalse);
  }

  @Override
  protected Tensor reduce(ReduceOp op, int[] axes, boolean keepDims) {
    return Primitives.reduce(op, this, axes, keepDims);
  }

  @Override
  public Tensor argmax(int axis) {
    return Primitives.argReduce(ReduceOp.MAX, this, axis);
  }

  @Override
  public Tensor argmin(int axis) {
    return Primitives.argReduce(ReduceOp.MIN, this, axis);
  }

  @Override
  public Tensor reshape(Shape shape) {
    return Primitives.reshape(this, shape);
  }

  @Override
  public Tensor permute(int... axes) {
    return Primitives.permute(this, axes);
  }

  @Override
  public Tensor expand(Shape shape) {
    return Primitives.expand(this, shape);
  }

  @Override
  protected Tensor slice(int[] begin, int[] end) {
    return Primitives.slice(this, begin, end);
  }

  @Override
  public Tensor pad(int[] before, int[] after, double value) {
    return Primitives.pad(this, before, after, value);
  }

  @Override
  public Tensor gather(int axis, Tensor index) {
    return Primitives.gather(this, axis, index);
  }

  @Override
  public Tensor scatterAdd(Shape shape, int axis, Tensor index) {
    return Primitives.scatterAdd(this, shape, axis, index);
  }

  @Override
  public Tensor cast(DType dtype) {
    return Primitives.cast(this, dtype);
  }

  @Override
  public Tensor matmul(Tensor other) {
    return Primitives.matmul(this, other, false, false);
  }

  // ---- autodiff -----------------------------------------------------------------------------------------

  @Override
  public boolean requiresGrad() {
    return requiresGrad;
  }

  @Override
  public Tensor requireGrad() {
    if (madeBy != null) {
      throw new IllegalStateException("requireGrad: tensor " + describe() + " was made by " + madeBy
          + "; only leaves can be parameters. detach() it first to make a leaf");
    }
    if (!dtype().isFloatingPoint()) {
      throw new IllegalStateException("requireGrad: " + describe() + " is not floating point");
    }
    requiresGrad = true;
    return this;
  }

  @Override
  public Tensor grad() {
    return grad;
  }

  @Override
  public void zeroGrad() {
    if (grad != null) {
      grad.close();
      grad = null;
    }
  }

  /** Adds {@code g} (already of this tensor's shape) to the gradient; this tensor takes ownership of it. */
  void accumulateGrad(TapeTensor g) {
    ScopeFrame.release(g);
    if (grad == null) {
      grad = g;
    } else {
      TapeTensor sum = TapeTensor.of(grad.add(g));
      ScopeFrame.release(sum);
      grad.close();
      g.close();
      grad = sum;
    }
  }

  @Override
  public void backward() {
    backward(false);
  }

  @Override
  public void backward(boolean retainGraph) {
    if (shape().size() != 1) {
      throw new IllegalStateException("backward: tensor of shape " + shape() + " is not a scalar; pass a seed"
          + " gradient of the same shape with backward(seed), or reduce it first (sum() or mean())");
    }
    backward(factory().full(shape(), 1.0, dtype()), retainGraph);
  }

  @Override
  public void backward(Tensor seed) {
    backward(seed, false);
  }

  @Override
  public void backward(Tensor seed, boolean retainGraph) {
    if (!requiresGrad) {
      throw new IllegalStateException("backward: tensor " + describe() + " does not require a gradient: no"
          + " input of the computation called requireGrad(), or it was computed under NoGrad");
    }
    if (!seed.shape().equals(shape())) {
      throw new IllegalArgumentException("backward: seed shape " + seed.shape() + " differs from tensor shape "
          + shape());
    }
    Backprop.run(this, of(seed), retainGraph);
  }

  @Override
  public Tensor detach() {
    return constant(kernels, kernels.reshape(buffer(), shape()));
  }

  @Override
  public Tensor assign(Tensor value) {
    TapeTensor v = of(value);
    if (madeBy != null) {
      throw new IllegalStateException("assign: only leaf tensors can be assigned; " + describe() + " was made by "
          + madeBy);
    }
    if (!v.shape().equals(shape()) || v.dtype() != dtype() || v.kernels != kernels) {
      throw new IllegalArgumentException("assign: value " + v.dtype() + " " + v.shape() + " on "
          + v.backendName() + " does not match " + describe());
    }
    Buffer fresh = kernels.reshape(v.buffer(), v.shape());
    live();
    hold.replace(new SharedBuffer(fresh));
    return this;
  }

  /**
   * Replaces this leaf's buffer with {@code fresh}, taking ownership of it and releasing the old one: the
   * copy-free form of {@link #assign} for optimizers whose fused kernels return new buffers. {@code fresh} may
   * be this tensor's own buffer after a kernel wrote it in place, which is allowed only while
   * {@link #sharesBuffer()} is false.
   *
   * @throws IllegalStateException    when this tensor was made by a recorded op
   * @throws IllegalArgumentException when {@code fresh} differs in shape or dtype
   */
  public void replaceBuffer(Buffer fresh) {
    if (madeBy != null) {
      throw new IllegalStateException("replaceBuffer: only leaf tensors can be updated; " + describe()
          + " was made by " + madeBy);
    }
    Buffer old = buffer();
    if (!fresh.shape().equals(old.shape()) || fresh.dtype() != old.dtype()) {
      throw new IllegalArgumentException("replaceBuffer: buffer " + fresh.dtype() + " " + fresh.shape()
          + " does not match " + describe());
    }
    if (old != fresh) {
      hold.replace(new SharedBuffer(fresh));
    }
  }

  // ---- host access and memory -----------------------------------------------------------------------------

  @Override
  public float[] toFloatArray() {
    return kernels.toFloats(buffer());
  }

  @Override
  public double[] toDoubleArray() {
    return kernels.toDoubles(buffer());
  }

  @Override
  public int[] toIntArray() {
    return kernels.toInts(buffer());
  }

  @Override
  public Tensor keep() {
    return ScopeFrame.keep(this);
  }

  @Override
  public boolean isClosed() {
    return hold.get() == null;
  }

  @Override
  public void close() {
    hold.close();
    zeroGrad();
  }

  @Override
  public String toString() {
    if (hold.get() == null) {
      return "Tensor(closed)";
    }
    return "Tensor(" + dtype() + " " + shape() + " on " + backendName() + " " + device()
        + (requiresGrad ? ", requires grad" : "") + ")";
  }
}
