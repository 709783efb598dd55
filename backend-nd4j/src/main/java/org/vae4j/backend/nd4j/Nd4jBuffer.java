package org.vae4j.backend.nd4j;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;

/**
 * A {@link Buffer} over an ND4J {@link INDArray} whose elements are contiguous and row-major ('c' order,
 * offset 0). Its off-heap memory is freed by {@link #close()}, never by the garbage collector.
 *
 * <p>Several buffers may share one native allocation (a reshape shares it with its source); the allocation
 * is reference-counted and freed when the last of its sharers closes, so closing one buffer never
 * invalidates another. Closing is idempotent and thread-safe; reading an open buffer from several threads
 * is safe.
 */
public final class Nd4jBuffer implements Buffer {

  private final INDArray array;
  private final Storage storage;
  private final Shape shape;
  private final DType dtype;
  private final Device device;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Nd4jBuffer(INDArray array, Storage storage, Shape shape, DType dtype, Device device) {
    this.array = array;
    this.storage = storage;
    this.shape = shape;
    this.dtype = dtype;
    this.device = device;
  }

  /**
   * Takes ownership of {@code fresh}, an array that owns its memory (no view, 'c' order), which must not be
   * closed or shared by anyone else afterwards.
   */
  static Nd4jBuffer own(INDArray fresh, Shape shape, Device device) {
    return new Nd4jBuffer(fresh, new Storage(fresh), shape, Nd4jTypes.vae(fresh.dataType()), device);
  }

  /**
   * A new buffer over {@code sameMemory}, an array that reads this buffer's memory in row-major order under
   * another shape; it keeps the memory alive until it is closed too.
   */
  Nd4jBuffer share(INDArray sameMemory, Shape newShape) {
    storage.retain();
    return new Nd4jBuffer(sameMemory, storage, newShape, dtype, device);
  }

  /** The array, for this backend's kernels only; never modify it. */
  INDArray array() {
    if (closed.get()) {
      throw new IllegalStateException("nd4j: buffer of shape " + shape + " and dtype " + dtype
          + " is closed; an op received a buffer its caller had already closed");
    }
    return array;
  }

  /**
   * The array that owns the memory, with the same row-major elements as {@link #array()} (possibly under
   * another shape): the one to copy out of, since it is never a view.
   */
  INDArray memory() {
    array();
    return storage.root;
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
    return device;
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      storage.release();
    }
  }

  @Override
  public String toString() {
    return "Nd4jBuffer" + shape + " " + dtype + (isClosed() ? " (closed)" : "");
  }

  /** One native allocation and the number of open buffers reading it. */
  private static final class Storage {
    private final INDArray root;
    private final AtomicInteger references = new AtomicInteger(1);

    Storage(INDArray root) {
      this.root = root;
    }

    void retain() {
      references.incrementAndGet();
    }

    void release() {
      if (references.decrementAndGet() == 0) {
        root.close();
      }
    }
  }
}
