package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;

/**
 * A point mass at {@code value} (as Pyro's {@code Delta}): the last {@code eventDims} axes of the value are
 * the event. {@code logProb} is {@code logDensity} where the value matches exactly and {@code -inf}
 * elsewhere, summed over the event; samples are the value itself, and {@code rsample} passes gradients to
 * it. Useful as a deterministic "posterior" (an autoencoder in VAE clothing). No entropy is defined.
 */
public final class Delta extends AbstractDistribution {
  private final Tensor value;
  private final double logDensity;

  /** A point mass at {@code value} with log-density 0 and {@code eventDims} event axes. */
  public Delta(Tensor value, int eventDims) {
    this(value, eventDims, 0.0);
  }

  /**
   * @param logDensity the log-density reported at the point (the log of a Jacobian, say)
   * @throws IllegalArgumentException when {@code eventDims} is not in [0, rank]
   */
  public Delta(Tensor value, int eventDims, double logDensity) {
    super(value.shape().dropLast(check(value, eventDims)), value.shape().last(eventDims));
    this.value = value;
    this.logDensity = logDensity;
  }

  private static int check(Tensor value, int eventDims) {
    Params.broadcast("Delta", new String[] {"value"}, value);
    if (eventDims < 0 || eventDims > value.rank()) {
      throw new IllegalArgumentException("Delta: eventDims must be in [0, " + value.rank() + "] for value of shape "
          + value.shape() + ", got " + eventDims);
    }
    return eventDims;
  }

  /** The point. */
  public Tensor value() {
    return value;
  }

  @Override
  public DType dtype() {
    return value.dtype();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    return value.expand(extendedShape(sampleShape));
  }

  @Override
  public Tensor logProb(Tensor x) {
    checkValueShape(x);
    Tensor lp = x.eq(value).log().add(logDensity);
    return Independent.sumRightmost(lp, eventShape().rank());
  }

  @Override
  public Tensor mean() {
    return value;
  }

  @Override
  public Tensor variance() {
    return value.factory().zeros(value.shape(), dtype());
  }
}
