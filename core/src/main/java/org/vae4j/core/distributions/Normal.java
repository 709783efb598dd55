package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.random.RandomTensors;

/**
 * The univariate normal distribution N(loc, scale^2), elementwise over a batch: batch shape is the
 * broadcast of {@code loc} and {@code scale}, event shape is scalar. Reparameterized:
 * {@code rsample = loc + scale * eps} with {@code eps ~ N(0, 1)} from the stream.
 *
 * <p>{@code logProb} standardises first ({@code ((x - loc) / scale)^2}), so scales from 1e-6 to 1e6 neither
 * overflow nor underflow in FLOAT32. For a diagonal multivariate normal see {@link DiagonalNormal}.
 */
public final class Normal extends AbstractDistribution {
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
  private final Tensor loc;
  private final Tensor scale;

  /**
   * @throws IllegalArgumentException when a loc is not finite or a scale is not {@code > 0} and finite
   *     (validation on), or the shapes do not broadcast
   */
  public Normal(Tensor loc, Tensor scale) {
    this(params(loc, scale));
  }

  /** A normal with one scale for every element of {@code loc}. */
  public Normal(Tensor loc, double scale) {
    this(loc, scalar(loc, scale));
  }

  private Normal(Tensor[] p) {
    super(p[0].shape(), Shape.scalar());
    this.loc = p[0];
    this.scale = p[1];
  }

  private static Tensor[] params(Tensor loc, Tensor scale) {
    Tensor[] p = Params.broadcast("Normal", new String[] {"loc", "scale"}, loc, scale);
    ParameterChecks.of("Normal").finite("loc", loc).positiveFinite("scale", scale).run();
    return p;
  }

  /** Location, of the batch shape. */
  public Tensor loc() {
    return loc;
  }

  /** Scale (standard deviation), of the batch shape. */
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
    Tensor eps = RandomTensors.normal(loc.factory(), rng, extendedShape(sampleShape), dtype());
    return loc.add(eps.mul(scale));
  }

  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    Tensor z = value.sub(loc).div(scale);
    return z.square().mul(-0.5).sub(scale.log()).sub(HALF_LOG_2PI);
  }

  @Override
  public Tensor mean() {
    return loc;
  }

  @Override
  public Tensor variance() {
    return scale.square();
  }

  @Override
  public Tensor stddev() {
    return scale;
  }

  @Override
  public Tensor entropy() {
    return scale.log().add(0.5 + HALF_LOG_2PI);
  }
}
