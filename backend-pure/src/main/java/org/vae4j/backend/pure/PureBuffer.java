package org.vae4j.backend.pure;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;

/**
 * A row-major contiguous Java array ({@code float[]}, {@code double[]} or {@code int[]} for FLOAT32,
 * FLOAT64, INT32) with its shape and dtype. Each buffer owns its array alone; {@link #close()} drops the
 * reference and gives the array to the {@link ArrayPool} for a later buffer, after which every use throws
 * {@link IllegalStateException}. Safe to read from several threads.
 */
public final class PureBuffer implements Buffer {
  private final Shape shape;
  private final DType dtype;
  private static final VarHandle DATA;

  static {
    try {
      DATA = MethodHandles.lookup().findVarHandle(PureBuffer.class, "data", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile Object data;

  PureBuffer(Object data, Shape shape, DType dtype) {
    this.data = data;
    this.shape = shape;
    this.dtype = dtype;
  }

  static PureBuffer of(float[] data, Shape shape) {
    return new PureBuffer(data, shape, DType.FLOAT32);
  }

  static PureBuffer of(double[] data, Shape shape) {
    return new PureBuffer(data, shape, DType.FLOAT64);
  }

  static PureBuffer of(int[] data, Shape shape) {
    return new PureBuffer(data, shape, DType.INT32);
  }

  /** A new zero-filled buffer. */
  static PureBuffer zeros(Shape shape, DType dtype) {
    return new PureBuffer(ArrayPool.zeroed(dtype, shape.sizeAsInt()), shape, dtype);
  }

  /**
   * The pure buffer behind {@code b}, checked open.
   *
   * @param op the operation asking, named in the error
   */
  static PureBuffer check(Buffer b, String op) {
    if (!(b instanceof PureBuffer p)) {
      throw new IllegalArgumentException(op + ": buffer " + b + " was not made by the pure backend; "
          + "copy it to the host and back to move it between backends");
    }
    p.data(op);
    return p;
  }

  /** The array, for an op that reads or fills it. */
  Object data(String op) {
    Object d = data;
    if (d == null) {
      throw new IllegalStateException(op + ": " + this + " is closed; keep the tensor (or its scope) open "
          + "while it is used");
    }
    return d;
  }

  float[] floats(String op) {
    return (float[]) data(op);
  }

  double[] doubles(String op) {
    return (double[]) data(op);
  }

  int[] ints(String op) {
    return (int[]) data(op);
  }

  @Override
  public Shape shape() {
    return shape;
  }

  @Override
  public DType dtype() {
    return dtype;
  }

  @Override
  public Device device() {
    return Device.CPU;
  }

  @Override
  public boolean isClosed() {
    return data == null;
  }

  /** Drops the array and hands it to the {@link ArrayPool}, once, even when closed from two threads. */
  @Override
  public void close() {
    Object d = DATA.getAndSet(this, null);
    if (d != null) {
      ArrayPool.release(d);
    }
  }

  /** Drops the array for the garbage collector, never for the pool: a kernel may still be reading it. */
  @Override
  public void abandon() {
    data = null;
  }

  /** {@code pure FLOAT32 buffer (2, 3)}, with {@code closed} once closed. */
  @Override
  public String toString() {
    return "pure " + dtype + " buffer " + shape + (data == null ? " (closed)" : "");
  }
}
