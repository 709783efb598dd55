package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.random.RandomTensors;

/**
 * Student's t distribution with {@code df} degrees of freedom, location and scale, elementwise over a
 * batch. Reparameterized as torch.distributions: {@code loc + scale X sqrt(df / V)} with X standard normal
 * and {@code V ~ chi^2(df) = 2 Gamma(df / 2, 1)}, the gamma draw carrying its implicit gradient in df.
 *
 * <p>As torch, the mean is NaN where {@code df <= 1}; the variance is {@code scale^2 df / (df - 2)} for
 * {@code df > 2}, {@code +inf} for {@code 1 < df <= 2} and NaN for {@code df <= 1}.
 */
public final class StudentT extends AbstractDistribution {
  private static final double HALF_LOG_PI = 0.5 * Math.log(Math.PI);
  private final Tensor df;
  private final Tensor loc;
  private final Tensor scale;

  /**
   * @throws IllegalArgumentException for df or scale not {@code > 0} and finite, loc not finite, or shapes that
   *     do not broadcast
   */
  public StudentT(Tensor df, Tensor loc, Tensor scale) {
    this(params(df, loc, scale));
  }

  private StudentT(Tensor[] p) {
    super(p[0].shape(), Shape.scalar());
    this.df = p[0];
    this.loc = p[1];
    this.scale = p[2];
  }

  private static Tensor[] params(Tensor df, Tensor loc, Tensor scale) {
    Tensor[] p = Params.broadcast("StudentT", new String[] {"df", "loc", "scale"}, df, loc, scale);
    ParameterChecks.of("StudentT").positiveFinite("df", df).finite("loc", loc).positiveFinite("scale", scale)
        .run();
    return p;
  }

  public Tensor df() {
    return df;
  }

  public Tensor loc() {
    return loc;
  }

  public Tensor scale() {
    return scale;
  }

  @Override
  public DType dtype() {
    return df.dtype();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    Shape shape = extendedShape(sampleShape);
    Tensor x = RandomTensors.normal(df.factory(), rng, shape, dtype());
    Tensor halfDf = df.mul(0.5).expand(shape);
    Tensor gamma = Gamma.standardGamma(halfDf, rng);
    return loc.add(scale.mul(x).mul(halfDf.div(gamma).sqrt()));
  }

  /**
   * {@code -(df + 1)/2 log1p(y^2 / df) - log scale - log(df)/2 - log(pi)/2 - lgamma(df/2) + lgamma((df+1)/2)},
   * {@code y = (x - loc) / scale}.
   */
  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    Tensor y = value.sub(loc).div(scale);
    Tensor normalizer = scale.log().add(df.log().mul(0.5)).add(HALF_LOG_PI).add(df.mul(0.5).lgamma())
        .sub(df.add(1.0).mul(0.5).lgamma());
    return y.square().div(df).log1p().mul(df.add(1.0).mul(-0.5)).sub(normalizer);
  }

  @Override
  public Tensor mean() {
    return df.gt(scalar(df, 1.0)).where(loc, scalar(loc, Double.NaN));
  }

  @Override
  public Tensor variance() {
    Tensor above2 = df.gt(scalar(df, 2.0));
    Tensor safeDf = above2.where(df, scalar(df, 3.0));
    Tensor finite = scale.square().mul(safeDf).div(safeDf.sub(2.0));
    Tensor heavy = df.gt(scalar(df, 1.0)).where(scalar(df, Double.POSITIVE_INFINITY), scalar(df, Double.NaN));
    return above2.where(finite, heavy);
  }

  /** {@code log scale + (df+1)/2 (psi((df+1)/2) - psi(df/2)) + log(df)/2 + log B(df/2, 1/2)}. */
  @Override
  public Tensor entropy() {
    Tensor half = df.mul(0.5);
    Tensor halfPlus = df.add(1.0).mul(0.5);
    Tensor logBeta = half.lgamma().add(HALF_LOG_PI).sub(halfPlus.lgamma());
    return scale.log().add(halfPlus.mul(halfPlus.digamma().sub(half.digamma()))).add(df.log().mul(0.5))
        .add(logBeta);
  }
}
