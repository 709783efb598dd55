package org.vae4j.spark.train;

import java.io.Serializable;

/**
 * Where a worker's training steps went: computing (forward, backward, optimizer, data, between two
 * synchronisations), copying gradients between the backend and the buffer, waiting for the previous worker
 * to reach the same step, and moving and adding data on the ring; and the bytes it sent. Totals over
 * {@link #steps}.
 */
public final class StepTimes implements Serializable {
  private static final long serialVersionUID = 1L;

  long steps;
  long computeNanos;
  long hostCopyNanos;
  long waitingNanos;
  long transferNanos;
  long bytesSent;

  /** Synchronised steps. */
  public long steps() {
    return steps;
  }

  /** Mean milliseconds per step computing. */
  public double computeMs() {
    return per(computeNanos);
  }

  /** Mean milliseconds per step copying gradients to and from the backend. */
  public double hostCopyMs() {
    return per(hostCopyNanos);
  }

  /** Mean milliseconds per step waiting for the slowest worker. */
  public double waitingMs() {
    return per(waitingNanos);
  }

  /** Mean milliseconds per step moving and adding data on the ring. */
  public double transferMs() {
    return per(transferNanos);
  }

  /** Bytes this worker sent over all steps. */
  public long bytesSent() {
    return bytesSent;
  }

  private double per(long nanos) {
    return steps == 0 ? 0 : nanos / 1e6 / steps;
  }
}
