package org.vae4j.serve.exec;

/** The {@link InferenceQueue} holds as many jobs as it may; the service answers 503. */
public final class QueueFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  QueueFullException(int capacity) {
    super("the server is busy: " + capacity + " requests are already waiting (--queue); retry shortly");
  }
}
