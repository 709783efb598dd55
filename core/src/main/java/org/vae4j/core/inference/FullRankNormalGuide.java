package org.vae4j.core.inference;

import java.util.List;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.distributions.MultivariateNormal;
import org.vae4j.core.linalg.Triangular;
import org.vae4j.core.nn.Inits;
import org.vae4j.core.nn.ParameterFactory;

/**
 * The full-rank normal guide (ADVI's fullrank, Pyro's {@code AutoMultivariateNormal}): one multivariate normal
 * over the unconstrained coordinates, parameters {@code loc (D)} and {@code trilRaw (D, D)}; the scale factor
 * is the strictly lower part of trilRaw with {@code softplus} of its diagonal on the diagonal (entries above
 * the diagonal are unused). Exact for a Gaussian posterior.
 */
public final class FullRankNormalGuide extends PackedGuide {
  private final Tensor loc;
  private final Tensor trilRaw;

  /** @param initScale the initial scale of every coordinate, uncorrelated; locations start at 0 */
  public FullRankNormalGuide(List<Latent> latents, double initScale, ParameterFactory params) {
    super(latents);
    this.loc = registerParameter("loc", params.create(Shape.of(dim()), Inits.zeros()));
    int d = dim();
    double[] raw = new double[d * d];
    for (int i = 0; i < d; i++) {
      raw[i * d + i] = inverseSoftplus(initScale);
    }
    this.trilRaw = registerParameter("trilRaw", params.create(Shape.of(d, d), raw));
  }

  public Tensor loc() {
    return loc;
  }

  /** The lower Cholesky factor of the covariance, {@code (D, D)}. */
  public Tensor scaleTril() {
    return Triangular.withDiagonal(trilRaw, Triangular.diagonal(trilRaw).softplus());
  }

  @Override
  public MultivariateNormal unconstrained() {
    return MultivariateNormal.fromScaleTril(loc, scaleTril());
  }
}
