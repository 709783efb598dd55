package org.vae4j.models;

import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.Validation;

/**
 * core's {@link Bernoulli} (logits) whose {@code logProb} also scores intensities in [0, 1] by the same
 * formula {@code x * l - softplus(l)}, i.e. minus the binary cross-entropy with logits. This is the
 * "Bernoulli" decoder of pytorch/examples and of most VAE papers on grey-level MNIST: for binary data it is
 * the Bernoulli log-mass exactly; for intensities it is not a normalized density (use
 * {@link Likelihood#continuousBernoulli()} for that). Values outside [0, 1] are rejected while
 * {@link Validation} is on. Everything else is the Bernoulli's.
 */
final class GreyLevelBernoulli implements Distribution {
  private final Bernoulli base;

  GreyLevelBernoulli(Tensor logits) {
    this.base = Bernoulli.fromLogits(logits);
  }

  @Override
  public Shape batchShape() {
    return base.batchShape();
  }

  @Override
  public Shape eventShape() {
    return base.eventShape();
  }

  @Override
  public Tensor sample(RandomStream rng, Shape sampleShape) {
    return base.sample(rng, sampleShape);
  }

  @Override
  public boolean hasRsample() {
    return false;
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    return base.rsample(rng, sampleShape);
  }

  @Override
  public Tensor logProb(Tensor value) {
    Shape.broadcast("Bernoulli.logProb", value.shape(), base.batchShape());
    Validation.unitInterval("Bernoulli", "value", value);
    Tensor logits = base.logits();
    return value.mul(logits).sub(logits.softplus());
  }

  @Override
  public Tensor mean() {
    return base.mean();
  }

  @Override
  public Tensor variance() {
    return base.variance();
  }

  @Override
  public Tensor entropy() {
    return base.entropy();
  }
}
