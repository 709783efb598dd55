package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.random.CountVariates;

/**
 * The Poisson distribution with {@code rate >= 0} over the counts {0, 1, 2, ...}, elementwise over a batch.
 * Values are floating tensors holding integers, as in torch. Sampled exactly on the host (see
 * {@link CountVariates}); not reparameterizable. As torch, no closed-form entropy.
 */
public final class Poisson extends AbstractDistribution {
  private final Tensor rate;

  /** @throws IllegalArgumentException (validation on) when a rate is negative, NaN or infinite */
  public Poisson(Tensor rate) {
    super(Params.broadcast("Poisson", new String[] {"rate"}, rate)[0].shape(), Shape.scalar());
    ParameterChecks.of("Poisson").nonNegative("rate", rate).finite("rate", rate).run();
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
  public Tensor sample(RandomStream rng, Shape sampleShape) {
    try (NoGrad ignored = NoGrad.enter()) {
      Shape shape = extendedShape(sampleShape);
      double[] counts = CountVariates.poisson(rate.expand(shape).toDoubleArray(), rng);
      return rate.factory().of(counts, shape, dtype());
    }
  }

  /** {@code x log(rate) - rate - lgamma(x + 1)}, with {@code 0 log 0 = 0}. */
  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    if (Validation.isEnabled()) {
      Validation.check(family(), "value", value.ge(scalar(value, 0.0)).mul(value.floor().eq(value)), value,
          "a nonnegative integer");
    }
    return SpecialFunctions.xlogy(value, rate).sub(rate).sub(value.add(1.0).lgamma());
  }

  @Override
  public Tensor mean() {
    return rate;
  }

  @Override
  public Tensor variance() {
    return rate;
  }
}
