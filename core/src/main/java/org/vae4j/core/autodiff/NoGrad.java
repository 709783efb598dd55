package org.vae4j.core.autodiff;

/**
 * Turns gradient recording off on the current thread for inference and parameter updates:
 * {@code try (NoGrad ignored = NoGrad.enter()) { ... }}. Nests; closing restores the previous state.
 */
public final class NoGrad implements AutoCloseable {
  private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

  private final boolean previous;

  private NoGrad() {
    previous = ENABLED.get();
    ENABLED.set(Boolean.FALSE);
  }

  /** Stops recording until the returned object is closed. */
  public static NoGrad enter() {
    return new NoGrad();
  }

  /** True when operations on the current thread record gradients. */
  public static boolean isRecording() {
    return ENABLED.get();
  }

  @Override
  public void close() {
    ENABLED.set(previous);
  }
}
