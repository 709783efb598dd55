package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.random.RandomTensors;

/**
 * The Laplace distribution with density {@code exp(-|x - loc| / scale) / (2 scale)}, elementwise over a
 * batch. Reparameterized: {@code loc - scale sign(u) log(1 - |u|)} with u uniform in (-1, 1).
 */
public final class Laplace extends AbstractDistribution {
  private final Tensor loc;
  private final Tensor scale;

  /**
   * @throws IllegalArgumentException when a loc is not finite, a scale not > 0 and finite, or the shapes do not
   *     broadcast
   */
  public Laplace(Tensor loc, Tensor scale) {
    this(params(loc, scale));
  }

  private Laplace(Tensor[] p) {
    super(p[0].shape(), Shape.scalar());
    this.loc = p[0];
    this.scale = p[1];
  }

  private static Tensor[] params(Tensor loc, Tensor scale) {
    Tensor[] p = Params.broadcast("Laplace", new String[] {"loc", "scale"}, loc, scale);
    ParameterChecks.of("Laplace").finite("loc", loc).positiveFinite("scale", scale).run();
    return p;
  }

  public Tensor loc() {
    return loc;
  }

  public Tensor scale() {
    return scale;
  }

  @Override
  public DType dtype() {
    return loc.dtype();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    Tensor u01 = RandomTensors.uniform(loc.factory(), rng, extendedShape(sampleShape), dtype());
    Tensor u = u01.mul(2.0).sub(1.0).maximum(scalar(loc, -1.0 + Probabilities.eps(dtype())));
    return loc.sub(scale.mul(u.sign()).mul(u.abs().neg().log1p()));
  }

  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    return value.sub(loc).abs().div(scale).neg().sub(scale.mul(2.0).log());
  }

  @Override
  public Tensor mean() {
    return loc;
  }

  @Override
  public Tensor variance() {
    return scale.square().mul(2.0);
  }

  @Override
  public Tensor entropy() {
    return scale.mul(2.0).log().add(1.0);
  }
}
