package org.vae4j.api;

/**
 * A source of random numbers that gives the same sequence for the same seed on every backend and device.
 * Numbers are produced on the host; tensors are made from them by the caller.
 *
 * <p>Not thread-safe: give each thread its own stream with {@link #split()}.
 */
public interface RandomStream {

  /** {@code n} floats uniform in [0, 1). Advances the stream. */
  float[] uniformFloats(int n);

  /** {@code n} doubles uniform in [0, 1). Advances the stream. */
  double[] uniformDoubles(int n);

  /** {@code n} standard normal doubles. Advances the stream. */
  double[] normalDoubles(int n);

  /** One integer uniform in [0, bound). Advances the stream. */
  int nextInt(int bound);

  /**
   * A new, statistically independent stream derived from this one; this stream advances by one step, so
   * successive splits differ.
   */
  RandomStream split();
}
