package org.vae4j.backend.djl;

import ai.djl.pytorch.engine.PtNDArray;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;

/**
 * A vae4j buffer holding one libtorch tensor handle made by a {@link DjlKernels}.
 *
 * <p>{@link #close()} deletes the handle at once (and detaches it from the kernels' manager); libtorch frees the
 * storage when no other handle shares it, so closing a buffer never invalidates a view made from it. Reading
 * from several threads is safe; closing while another thread reads is the caller's error.
 */
public final class DjlBuffer implements Buffer {
  private final DjlKernels owner;
  private final PtNDArray array;
  private final Shape shape;
  private final DType dtype;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean shared;

  DjlBuffer(DjlKernels owner, PtNDArray array, Shape shape, DType dtype) {
    this.owner = owner;
    this.array = array;
    this.shape = shape;
    this.dtype = dtype;
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
    return owner.device();
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      array.close();
    }
  }

  /** Records that another buffer may share this one's storage (a view of it, or it of another). Sticky. */
  void markShared() {
    shared = true;
  }

  /**
   * False only while no other buffer can share this one's storage: no movement kernel (which may return
   * libtorch views) has taken it as input or made it. Then an in-place write is seen by no one else.
   */
  boolean mayShareStorage() {
    return shared;
  }

  DjlKernels owner() {
    return owner;
  }

  /**
   * The tensor, for a kernel of the owning {@link DjlKernels}.
   *
   * @throws IllegalStateException naming {@code op} when this buffer is closed
   */
  PtNDArray array(String op) {
    if (closed.get()) {
      throw new IllegalStateException(op + ": buffer " + dtype + shape + " on " + device()
          + " is closed; keep it open (or out of a closed scope) until its last use");
    }
    return array;
  }

  @Override
  public String toString() {
    return "DjlBuffer" + shape + " " + dtype + " on " + device() + (isClosed() ? " (closed)" : "");
  }
}
