package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;

/**
 * The log-normal distribution: {@code exp(X)} with {@code X ~ Normal(loc, scale)}, on (0, inf).
 * Reparameterized through the normal. {@code logProb} rejects values that are not > 0 while validation is
 * on.
 */
public final class LogNormal extends AbstractDistribution {
  private final Normal base;

  /** @throws IllegalArgumentException when a scale is not > 0 or the shapes do not broadcast */
  public LogNormal(Tensor loc, Tensor scale) {
    this(new Normal(loc, scale));
  }

  private LogNormal(Normal base) {
    super(base.batchShape(), Shape.scalar());
    this.base = base;
  }

  @Override
  public String family() {
    return "LogNormal";
  }

  /** The normal of {@code log X}. */
  public Normal base() {
    return base;
  }

  public Tensor loc() {
    return base.loc();
  }

  public Tensor scale() {
    return base.scale();
  }

  @Override
  public DType dtype() {
    return base.dtype();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    return base.rsample(rng, sampleShape).exp();
  }

  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    if (Validation.isEnabled()) {
      Validation.check(family(), "value", value.gt(scalar(value, 0.0)), value, "> 0");
    }
    Tensor logX = value.log();
    return base.logProb(logX).sub(logX);
  }

  /** {@code exp(loc + scale^2 / 2)}. */
  @Override
  public Tensor mean() {
    return loc().add(scale().square().mul(0.5)).exp();
  }

  /** {@code expm1(scale^2) exp(2 loc + scale^2)}. */
  @Override
  public Tensor variance() {
    Tensor s2 = scale().square();
    return s2.expm1().mul(loc().mul(2.0).add(s2).exp());
  }

  /** The normal's entropy plus loc. */
  @Override
  public Tensor entropy() {
    return base.entropy().add(loc());
  }
}
