package org.vae4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.vae4j.api.Tensor;

/**
 * A region of code whose tensors are closed together when it ends, so that native and device memory is
 * freed deterministically, not by the garbage collector.
 *
 * <pre>{@code
 * try (Scope step = Scope.open()) {
 *   Tensor loss = model.loss(batch);
 *   loss.backward();
 *   optimizer.step();          // parameters and their gradients are not in the scope
 *   return loss.keep();        // survives; now owned by the enclosing scope or the caller
 * }
 * }</pre>
 *
 * <p>Every tensor made while a scope is open on the current thread belongs to the innermost one. Closing
 * it closes all its tensors except those taken out with {@link Tensor#keep()}. Scopes nest and must be
 * closed innermost first. A tensor made with no scope open belongs to the caller.
 *
 * <p>Scopes are confined to the thread that opened them.
 */
public final class Scope implements AutoCloseable {
  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  private final Scope parent;
  private final Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean closed;

  private Scope(Scope parent) {
    this.parent = parent;
  }

  /** Opens a scope nested in the current thread's innermost one. */
  public static Scope open() {
    Scope s = new Scope(CURRENT.get());
    CURRENT.set(s);
    return s;
  }

  /** Registers a newly made tensor with the innermost open scope, if any. For tensor implementations. */
  public static void adopt(Tensor tensor) {
    Scope s = CURRENT.get();
    if (s != null) {
      s.owned.add(tensor);
    }
  }

  /**
   * Moves {@code tensor} from the scope that owns it to that scope's parent (or to the caller when it has
   * none). A tensor owned by no open scope is left as it is. Returns the tensor.
   */
  public static <T extends Tensor> T keep(T tensor) {
    for (Scope s = CURRENT.get(); s != null; s = s.parent) {
      if (s.owned.remove(tensor)) {
        if (s.parent != null) {
          s.parent.owned.add(tensor);
        }
        return tensor;
      }
    }
    return tensor;
  }

  /** Removes {@code tensor} from every open scope: its owner becomes whoever holds it. */
  public static void release(Tensor tensor) {
    for (Scope s = CURRENT.get(); s != null; s = s.parent) {
      if (s.owned.remove(tensor)) {
        return;
      }
    }
  }

  /** Number of tensors this scope will close. */
  public int size() {
    return owned.size();
  }

  /**
   * Closes every tensor still owned by this scope and makes the parent current.
   *
   * @throws IllegalStateException if an inner scope is still open
   */
  @Override
  public void close() {
    if (closed) {
      return;
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
