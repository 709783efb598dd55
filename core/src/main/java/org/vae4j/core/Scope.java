package org.vae4j.core;

import org.vae4j.api.Tensor;
import org.vae4j.core.autodiff.ScopeFrame;

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
 * <p>Scopes are confined to the thread that opened them: closing one on another thread throws
 * {@link IllegalStateException} naming both threads, and closes nothing.
 */
public final class Scope implements AutoCloseable {
  private final ScopeFrame frame;

  private Scope(ScopeFrame frame) {
    this.frame = frame;
  }

  /** Opens a scope nested in the current thread's innermost one. */
  public static Scope open() {
    return new Scope(ScopeFrame.open());
  }

  /** Registers a newly made tensor with the innermost open scope, if any. For tensor implementations. */
  public static void adopt(Tensor tensor) {
    ScopeFrame.adopt(tensor);
  }

  /**
   * Moves {@code tensor} from the scope that owns it to that scope's parent (or to the caller when it has
   * none). A tensor owned by no open scope is left as it is. Returns the tensor.
   */
  public static <T extends Tensor> T keep(T tensor) {
    return ScopeFrame.keep(tensor);
  }

  /** Removes {@code tensor} from every open scope: its owner becomes whoever holds it. */
  public static void release(Tensor tensor) {
    ScopeFrame.release(tensor);
  }

  /** Number of tensors this scope will close. */
  public int size() {
    return frame.size();
  }

  /**
   * Closes every tensor still owned by this scope and makes the parent current. Idempotent.
   *
   * @throws IllegalStateException if an inner scope is still open, or when called on another thread than
   *     the one that opened this scope
   */
  @Override
  public void close() {
    frame.close();
  }
}
