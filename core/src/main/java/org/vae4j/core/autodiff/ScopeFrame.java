package org.vae4j.core.autodiff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.vae4j.api.Tensor;

/**
 * One open scope on its thread's stack of scopes: the tensors made on that thread while it is the innermost
 * one, closed together when it closes. This is the mechanism behind {@code org.vae4j.core.Scope}, which is
 * how users open one; it lives here so that tensors register with it without the tape depending on
 * {@code org.vae4j.core}.
 *
 * <p>Confined to the thread that opened it: only that thread adds to it and closes it.
 */
public final class ScopeFrame {
  private static final ThreadLocal<ScopeFrame> CURRENT = new ThreadLocal<>();

  private final ScopeFrame parent;
  private final Thread thread;
  private final Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean closed;

  private ScopeFrame(ScopeFrame parent) {
    this.parent = parent;
    this.thread = Thread.currentThread();
  }

  /** Opens a frame nested in the current thread's innermost one. */
  public static ScopeFrame open() {
    ScopeFrame s = new ScopeFrame(CURRENT.get());
    CURRENT.set(s);
    return s;
  }

  /** Registers a newly made tensor with the current thread's innermost frame; false when none is open. */
  public static boolean adopt(Tensor tensor) {
    ScopeFrame s = CURRENT.get();
    if (s == null) {
      return false;
    }
    s.owned.add(tensor);
    return true;
  }

  /**
   * Moves {@code tensor} from the frame that owns it to that frame's parent (or to the caller when it has
   * none). A tensor owned by no open frame of this thread is left as it is. Returns the tensor.
   */
  public static <T extends Tensor> T keep(T tensor) {
    for (ScopeFrame s = CURRENT.get(); s != null; s = s.parent) {
      if (s.owned.remove(tensor)) {
        if (s.parent != null) {
          s.parent.owned.add(tensor);
        } else {
          unowned(tensor);
        }
        return tensor;
      }
    }
    return tensor;
  }

  /** Removes {@code tensor} from every open frame of this thread: its owner becomes whoever holds it. */
  public static void release(Tensor tensor) {
    for (ScopeFrame s = CURRENT.get(); s != null; s = s.parent) {
      if (s.owned.remove(tensor)) {
        unowned(tensor);
        return;
      }
    }
  }

  private static void unowned(Tensor tensor) {
    if (tensor instanceof TapeTensor t) {
      t.becameUnowned();
    }
  }

  /** Number of tensors this frame will close. */
  public int size() {
    return owned.size();
  }

  /**
   * Closes every tensor this frame still owns and makes its parent current. Idempotent.
   *
   * @throws IllegalStateException when called on another thread than the one that opened it, or while an
   *     inner frame is still open; nothing is closed then
   */
  public void close() {
    if (closed) {
      return;
    }
    Thread caller = Thread.currentThread();
    if (caller != thread) {
      throw new IllegalStateException("Scope.close: this scope was opened on thread '" + thread.getName()
          + "' but close() was called on thread '" + caller.getName() + "'; a scope belongs to the thread that"
          + " opened it and only that thread can close it (open and close it with try-with-resources on one"
          + " thread). Nothing was closed");
    }
    if (CURRENT.get() != this) {
      throw new IllegalStateException("Scope.close: an inner scope is still open; close scopes innermost first"
          + " (use try-with-resources)");
    }
    closed = true;
    CURRENT.set(parent);
    List<Tensor> toClose = new ArrayList<>(owned);
    owned.clear();
    for (Tensor t : toClose) {
      t.close();
    }
  }
}
