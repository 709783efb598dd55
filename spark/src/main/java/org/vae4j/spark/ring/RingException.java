package org.vae4j.spark.ring;

/**
 * A ring member could not be reached, did not authenticate, timed out or broke off. The message is one line
 * naming the rank, the peer and what to do.
 */
public class RingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public RingException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public RingException(String message, Throwable cause) {
    super(message, cause);
  }
}
