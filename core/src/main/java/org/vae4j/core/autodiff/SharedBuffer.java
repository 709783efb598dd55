package org.vae4j.core.autodiff;

import java.util.concurrent.atomic.AtomicInteger;
import org.vae4j.api.spi.Buffer;

/**
 * A backend buffer held by one or more tensors: the results of identity operations (a reshape to the same
 * shape, a cast to the same dtype, ...) are new tensors that share their input's buffer instead of copying
 * it. The buffer closes when its last holder releases it, so each holder is closed independently.
 * Thread-safe.
 */
final class SharedBuffer {
  private final Buffer buffer;
  private final AtomicInteger holders = new AtomicInteger(1);

  /** Takes ownership of {@code buffer}, with one holder. */
  SharedBuffer(Buffer buffer) {
    this.buffer = buffer;
  }

  Buffer buffer() {
    return buffer;
  }

  /** Adds a holder; the caller must be a holder itself, so the buffer is open. Returns this. */
  SharedBuffer retain() {
    holders.incrementAndGet();
    return this;
  }

  /** Removes a holder, closing the buffer when it was the last. */
  void release() {
    if (holders.decrementAndGet() == 0) {
      buffer.close();
    }
  }

  /**
   * Removes a holder that became unreachable without closing (the safety net's path), abandoning the buffer
   * ({@link Buffer#abandon()}) when it was the last.
   */
  void releaseAbandoned() {
    if (holders.decrementAndGet() == 0) {
      buffer.abandon();
    }
  }

  /** True while more than one tensor holds the buffer: an in-place write would be seen by the others. */
  boolean isShared() {
    return holders.get() > 1;
  }
}
