package org.vae4j.core.nn;

import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;

/**
 * A rule that draws the initial values of one parameter tensor. Implementations consume the stream in
 * row-major order, so the same stream state gives the same values everywhere. See {@link Inits}.
 */
@FunctionalInterface
public interface WeightInit {

  /** {@code shape.size()} values in row-major order. */
  double[] draw(Shape shape, RandomStream rng);
}
