package org.vae4j.core.random;

import org.vae4j.api.RandomStream;

/**
 * Uniform and standard normal doubles taken one at a time from a {@link RandomStream}, which is read in
 * blocks: the rejection samplers here use a varying number of draws per variate. Reproducible: the values
 * depend only on the stream's state and the order of requests. Not thread-safe.
 */
final class HostDraws {
  private static final int BLOCK = 256;
  private final RandomStream rng;
  private double[] uniforms = new double[0];
  private int nextUniform;
  private double[] normals = new double[0];
  private int nextNormal;

  HostDraws(RandomStream rng) {
    this.rng = rng;
  }

  /** Uniform in [0, 1). */
  double uniform() {
    if (nextUniform == uniforms.length) {
      uniforms = rng.uniformDoubles(BLOCK);
      nextUniform = 0;
    }
    return uniforms[nextUniform++];
  }

  /** Uniform in (0, 1], whose logarithm is finite. */
  double positiveUniform() {
    return 1.0 - uniform();
  }

  /** Standard normal. */
  double normal() {
    if (nextNormal == normals.length) {
      normals = rng.normalDoubles(BLOCK);
      nextNormal = 0;
    }
    return normals[nextNormal++];
  }
}
