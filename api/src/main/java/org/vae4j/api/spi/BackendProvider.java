package org.vae4j.api.spi;

/**
 * Registers a backend with {@link java.util.ServiceLoader}. Implementations have a public no-argument
 * constructor that does no work: no native library is loaded until {@link #create()}.
 */
public interface BackendProvider {

  /** Short lower-case name a user selects it by: "pure", "nd4j", "djl". */
  String name();

  /** Higher wins when the user names no backend (pure 10, nd4j 20, djl 30). */
  int priority();

  /** The Maven coordinates a user adds to get this backend, for error messages. */
  String artifact();

  /**
   * Creates the backend, loading native code if needed.
   *
   * @throws RuntimeException with a message saying what failed and how to fix it; discovery then reports
   *     this provider as failed and does not fall back silently
   */
  Backend create();
}
