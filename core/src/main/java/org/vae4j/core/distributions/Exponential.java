package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.random.RandomTensors;

/**
 * The exponential distribution with {@code rate}, density {@code rate e^(-rate x)} on {@code [0, inf)},
 * elementwise over a batch. Reparameterized: {@code -log(1 - u) / rate} with u uniform in [0, 1).
 */
public final class Exponential extends AbstractDistribution {
  private final Tensor rate;

  /** @throws IllegalArgumentException when a rate is not {@code > 0} and finite */
  public Exponential(Tensor rate) {
    super(Params.broadcast("Exponential", new String[] {"rate"}, rate)[0].shape(), Shape.scalar());
    ParameterChecks.of("Exponential").positiveFinite("rate", rate).run();
    this.rate = rate;
  }

  /** The rate, of the batch shape. */
  public Tensor rate() {
    return rate;
  }

  @Override
  public DType dtype() {
    return rate.dtype();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    Tensor u = RandomTensors.uniform(rate.factory(), rng, extendedShape(sampleShape), dtype());
    return u.neg().log1p().neg().div(rate);
  }

  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    if (Validation.isEnabled()) {
      Validation.check(family(), "value", value.ge(scalar(value, 0.0)), value, ">= 0");
    }
    return rate.log().sub(rate.mul(value));
  }

  @Override
  public Tensor mean() {
    return rate.reciprocal();
  }

  @Override
  public Tensor variance() {
    return rate.square().reciprocal();
  }

  @Override
  public Tensor stddev() {
    return rate.reciprocal();
  }

  @Override
  public Tensor entropy() {
    return rate.log().rsub(1.0);
  }
}
