package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.random.RandomTensors;

/**
 * The continuous uniform distribution with support {@code [low, high]}, elementwise over a batch, as
 * torch.distributions: the density is {@code 1 / (high - low)} on {@code [low, high)} and {@code logProb} at
 * {@code x = high} is {@code -inf} (a point of measure zero that validation accepts). Reparameterized:
 * {@code low + u (high - low)} with u in [0, 1). Values outside {@code [low, high]} are rejected while
 * validation is on, with {@code -inf} when it is off.
 */
public final class Uniform extends AbstractDistribution {
  private final Tensor low;
  private final Tensor high;

  /**
   * @throws IllegalArgumentException when a bound is not finite, some {@code low >= high}, or the shapes do not
   *     broadcast
   */
  public Uniform(Tensor low, Tensor high) {
    this(params(low, high));
  }

  private Uniform(Tensor[] p) {
    super(p[0].shape(), Shape.scalar());
    this.low = p[0];
    this.high = p[1];
  }

  private static Tensor[] params(Tensor low, Tensor high) {
    Tensor[] p = Params.broadcast("Uniform", new String[] {"low", "high"}, low, high);
    ParameterChecks checks = ParameterChecks.of("Uniform").finite("low", p[0]).finite("high", p[1]);
    if (Validation.isEnabled()) {
      checks.require("low", p[0].lt(p[1]), p[0], "< high");
    }
    checks.run();
    return p;
  }

  public Tensor low() {
    return low;
  }

  public Tensor high() {
    return high;
  }

  @Override
  public DType dtype() {
    return low.dtype();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    Tensor u = RandomTensors.uniform(low.factory(), rng, extendedShape(sampleShape), dtype());
    return low.add(u.mul(high.sub(low)));
  }

  @Override
  public Tensor logProb(Tensor value) {
    Shape shape = checkValueShape(value);
    if (Validation.isEnabled()) {
      int bad = Validation.firstFailure(value.ge(low).mul(value.le(high)));
      if (bad >= 0) {
        throw new IllegalArgumentException(family() + ": value must be in the support [low, high] = ["
            + Validation.valueAt(low, shape, bad) + ", " + Validation.valueAt(high, shape, bad) + "], got "
            + Validation.valueAt(value, shape, bad) + " at index " + Validation.index(shape.dims(), bad));
      }
    }
    Tensor inside = value.ge(low).mul(value.lt(high));
    return inside.log().sub(high.sub(low).log());
  }

  @Override
  public Tensor mean() {
    return low.add(high).mul(0.5);
  }

  @Override
  public Tensor variance() {
    return high.sub(low).square().div(12.0);
  }

  @Override
  public Tensor entropy() {
    return high.sub(low).log();
  }
}
