package org.vae4j.core.autodiff;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.spi.Buffer;

/**
 * The garbage collector's safety net for tensors that no scope owns (made with no scope open, kept out of
 * the outermost one, or released from scopes as parameters and gradients are): when such a tensor becomes
 * unreachable without {@code close()}, its buffer is released on a cleaner thread, so native memory does
 * not grow without bound. The first catch is logged once per JVM, as a warning naming the tensor, because
 * it means memory was held until the collector happened to run: close tensors, or make them in a
 * {@code org.vae4j.core.Scope}, which frees them deterministically.
 *
 * <p>A tensor's native memory does not press the Java heap, so the collector may not run while a loop makes
 * unscoped tensors. As the JDK does for direct buffers, the net therefore asks for a collection
 * ({@link System#gc()}) each time another {@value #COLLECT_EVERY_MIB} MiB of unscoped tensors have been made;
 * that bounds what forgotten tensors can hold, at the price of one collection per that much allocation
 * outside scopes (none inside them). Thread-safe.
 */
public final class UnclosedTensors {
  private static final Logger LOG = LoggerFactory.getLogger(UnclosedTensors.class);
  private static final AtomicLong CAUGHT = new AtomicLong();
  private static final AtomicBoolean LOGGED = new AtomicBoolean();
  /** Unscoped tensors made between two collections the net asks for, in MiB. */
  static final long COLLECT_EVERY_MIB = 512;
  private static final AtomicLong WATCHED_BYTES = new AtomicLong();

  private UnclosedTensors() {
  }

  /** How many unreachable, unclosed tensors the net has released in this JVM. */
  public static long caught() {
    return CAUGHT.get();
  }

  /** A tensor no scope owns was made (or left its scopes) holding {@code buffer}. */
  static void watched(Buffer buffer) {
    long bytes = buffer.shape().size() * buffer.dtype().byteSize();
    if (WATCHED_BYTES.addAndGet(bytes) >= COLLECT_EVERY_MIB << 20) {
      WATCHED_BYTES.set(0);
      System.gc();
    }
  }

  static void caught(Buffer buffer) {
    CAUGHT.incrementAndGet();
    if (LOGGED.compareAndSet(false, true)) {
      LOG.warn("vae4j: a {} {} tensor ({}) that no scope owned became unreachable without close(); the garbage"
          + " collector's safety net freed its memory. Close tensors you make outside a Scope, or make them"
          + " inside one (try (Scope s = Scope.open()) { ... }): their memory is otherwise held until the"
          + " collector runs. Logged once.", buffer.dtype(), buffer.shape(), buffer);
    }
  }
}
