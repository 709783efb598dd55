package org.vae4j.api.spi;

/**
 * Registers a backend with {@link java.util.ServiceLoader}. Implementations have a public no-argument
 * constructor that does no work: no native library is loaded until {@link #create()}.
 */
public interface BackendProvider {

  /**
   * The version of this service-provider interface ({@code BackendProvider}, {@link Backend},
   * {@link Kernels}, {@link Buffer} and the {@link Op} vocabulary) that this vae4j implements. It is raised
   * whenever a change breaks providers built before it: an abstract method or an op constant added, a
   * contract changed. Optional kernels added as default methods with a {@link Capability} do not raise it.
   */
  int SPI_VERSION = 1;

  /**
   * The SPI version this provider was compiled against. Implement it as {@code return SPI_VERSION;}: the
   * compiler copies the constant into the provider's class, so the value is that of the vae4j the provider
   * was built with. {@code org.vae4j.core.Backends} refuses, with a message naming both versions, a provider
   * whose version is not this vae4j's.
   */
  int spiVersion();

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
