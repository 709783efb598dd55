package org.vae4j.spark.ring;

/** The ring port a member was told to listen on is in use: the user's setting, not a failure of the ring. */
public final class PortTakenException extends RingException {
  private static final long serialVersionUID = 1L;

  /** The port is described by {@code message}. */
  public PortTakenException(String message) {
    super(message);
  }
}
