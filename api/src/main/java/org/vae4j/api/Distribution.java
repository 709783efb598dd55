package org.vae4j.api;

/**
 * A probability distribution over tensors, with a batch of independent (not necessarily identical)
 * members, each over an event of {@link #eventShape()}.
 *
 * <p>Shapes: {@code sample(rng, s)} has shape {@code s ++ batchShape ++ eventShape}. {@code logProb(x)}
 * takes {@code x} of shape {@code sampleDims ++ batchShape ++ eventShape} (or anything that broadcasts to
 * it) and returns {@code sampleDims ++ batchShape}: the event axes are summed. Moments have shape
 * {@code batchShape ++ eventShape}; {@link #entropy()} has {@code batchShape}.
 *
 * <p>Parameters are validated on construction by default; a value outside the support is rejected by
 * {@link #logProb} with an {@link IllegalArgumentException} naming the distribution, the parameter and
 * the value.
 */
public interface Distribution {

  /** Axes of independent members. */
  Shape batchShape();

  /** Axes of one draw. */
  Shape eventShape();

  /** A draw without gradient, of shape {@code sampleShape ++ batchShape ++ eventShape}. */
  Tensor sample(RandomStream rng, Shape sampleShape);

  /** True when {@link #rsample} is available. */
  boolean hasRsample();

  /**
   * A reparameterized draw, differentiable with respect to the parameters.
   *
   * @throws UnsupportedOperationException naming the family, when it has no reparameterization
   */
  Tensor rsample(RandomStream rng, Shape sampleShape);

  /** Log-density or log-mass of {@code value}, summed over event axes. */
  Tensor logProb(Tensor value);

  /** Mean, of shape {@code batchShape ++ eventShape}. */
  Tensor mean();

  /** Variance, of shape {@code batchShape ++ eventShape}. */
  Tensor variance();

  /** Standard deviation. */
  default Tensor stddev() {
    return variance().sqrt();
  }

  /** Entropy, of shape {@code batchShape}. */
  Tensor entropy();
}
