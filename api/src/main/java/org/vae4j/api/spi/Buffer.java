package org.vae4j.api.spi;

import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;

/**
 * An opaque array owned by one backend's {@link Kernels}. Whoever receives a buffer from a kernel owns it
 * and must close it; closing one buffer never invalidates another (a backend that shares memory between
 * buffers, as views do, keeps it alive until every sharer is closed). Safe to read from several threads.
 */
public interface Buffer extends AutoCloseable {

  Shape shape();

  DType dtype();

  Device device();

  /** True once closed. */
  boolean isClosed();

  /** Releases the memory. Idempotent. */
  @Override
  void close();

  /**
   * Releases the memory of a buffer whose owner never closed it: called by the tensors' garbage-collected
   * safety net, on its own thread, once the tensor holding this buffer became unreachable. A computation that
   * started before that may still be reading the buffer, so a backend that recycles the memory of closed
   * buffers must not recycle this one's (it may free it). Idempotent, and a no-op after {@link #close()}.
   * Default: {@link #close()}.
   */
  default void abandon() {
    close();
  }
}
