package org.vae4j.examples.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns the end of the process (SIGTERM, SIGINT from Ctrl-C, or anything else that shuts the JVM down in
 * order) into a clean stop of a training run: a shutdown hook asks the run to stop at its next step boundary
 * ({@link #onStop}), then waits, at most {@value #GRACE_SECONDS} s, until the run has saved its checkpoint and
 * said how to resume ({@link #close()}). The JVM then exits as the signal asks (143 for SIGTERM, 130 for
 * SIGINT). A signal that the process ignored on start (SIGINT of a background job without job control) never
 * reaches the JVM.
 *
 * <p>Install one per run, close it when the run ends (which removes the hook). Thread-safe: the hook runs on
 * its own thread.
 */
public final class StopOnSignal implements AutoCloseable {
  /** How long the hook waits for the run to save its checkpoint before letting the JVM exit. */
  public static final long GRACE_SECONDS = 60;

  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook = new Thread(this::stopAndWait, "vae4j-stop-on-signal");
  private volatile Runnable stop;
  private volatile boolean requested;

  private StopOnSignal() {
  }

  /** Registers the shutdown hook. */
  public static StopOnSignal install() {
    StopOnSignal s = new StopOnSignal();
    Runtime.getRuntime().addShutdownHook(s.hook);
    return s;
  }

  /** What stops the run (a trainer's {@code requestStop}); runs at once if the signal came already. */
  public void onStop(Runnable action) {
    stop = action;
    if (requested) {
      action.run();
    }
  }

  /** True once the process has been asked to end. */
  public boolean requested() {
    return requested;
  }

  /** The run has finished (stopped or not): lets a waiting hook return, and removes the hook. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it returns now that the latch is open
    }
  }

  private void stopAndWait() {
    requested = true;
    Runnable s = stop;
    if (s != null) {
      s.run();
    }
    try {
      finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
