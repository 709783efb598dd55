package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.random.RandomTensors;

/**
 * The continuous uniform distribution on {@code [low, high)}, elementwise over a batch. Reparameterized:
 * {@code low + u (high - low)}. With validation off, {@code logProb} outside the support is {@code -inf}.
 */
public final class Uniform extends AbstractDistribution {
  private final Tensor low;
  private final Tensor high;

  /** @throws IllegalArgumentException when some {@code low >= high} or the shapes do not broadcast */
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
    if (Validation.isEnabled()) {
      Validation.check("Uniform", "low", p[0].lt(p[1]), p[0], "< high");
    }
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
    checkValueShape(value);
    Tensor inside = value.ge(low).mul(value.lt(high));
    if (Validation.isEnabled()) {
      Validation.check(family(), "value", inside, value, "in [low, high)");
    }
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
