package org.vae4j.core.autodiff;

import java.lang.ref.Cleaner;

/**
 * One tensor's hold on its {@link SharedBuffer}, and the safety net behind it: a tensor that no scope owns
 * is registered with a {@link Cleaner}, which releases the hold if the tensor becomes unreachable without
 * {@link #close()} (see {@link UnclosedTensors}). Scopes stay the deterministic way; the net only keeps
 * forgotten native memory from growing without bound. Holds no reference to the tensor.
 */
final class BufferHold implements Runnable {
  private static final Cleaner CLEANER = Cleaner.create(task -> {
    Thread t = new Thread(task, "vae4j-tensor-cleaner");
    t.setDaemon(true);
    return t;
  });

  private volatile SharedBuffer storage;
  private volatile boolean closedByOwner;
  private Cleaner.Cleanable cleanable;

  BufferHold(SharedBuffer storage) {
    this.storage = storage;
  }

  /** The held buffer, or null once released. */
  SharedBuffer get() {
    return storage;
  }

  /** Releases the held buffer and holds {@code fresh} instead (an in-place leaf update). */
  void replace(SharedBuffer fresh) {
    SharedBuffer old = storage;
    storage = fresh;
    old.release();
  }

  /** Arms the safety net for {@code tensor}, which no scope owns. Idempotent; called by its owning thread. */
  void watch(Object tensor) {
    SharedBuffer s = storage;
    if (cleanable == null && s != null) {
      cleanable = CLEANER.register(tensor, this);
      UnclosedTensors.watched(s.buffer());
    }
  }

  /** Releases the buffer now, as the tensor's owner asked. Idempotent. */
  void close() {
    closedByOwner = true;
    if (cleanable != null) {
      cleanable.clean();
    } else {
      run();
    }
  }

  /** Releases the buffer once: on {@link #close()}, or on the cleaner's thread for an unreachable tensor. */
  @Override
  public void run() {
    SharedBuffer s = storage;
    if (s == null) {
      return;
    }
    storage = null;
    if (closedByOwner) {
      s.release();
    } else {
      UnclosedTensors.caught(s.buffer());
      s.releaseAbandoned();
    }
  }
}
