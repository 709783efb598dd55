package org.vae4j.core.inference;

import java.util.List;
import org.vae4j.api.Distribution;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.distributions.DiagonalNormal;
import org.vae4j.core.nn.Inits;
import org.vae4j.core.nn.ParameterFactory;

/**
 * The mean-field normal guide (ADVI's meanfield, Pyro's {@code AutoNormal}): independent normals over the
 * unconstrained coordinates, parameters {@code loc (D)} and {@code scaleRaw (D)} with scale
 * {@code softplus(scaleRaw)}. It cannot represent posterior correlations, and fitted by the reverse KL it
 * under-estimates spread where the posterior is correlated: for a Gaussian posterior of precision Lambda its
 * optimum has variances {@code 1 / Lambda_ii}, below the true {@code (Lambda^-1)_ii}.
 */
public final class MeanFieldNormalGuide extends PackedGuide {
  private final Tensor loc;
  private final Tensor scaleRaw;

  /**
   * @param initScale the initial scale of every coordinate (e.g. 0.1); locations start at 0
   */
  public MeanFieldNormalGuide(List<Latent> latents, double initScale, ParameterFactory params) {
    super(latents);
    this.loc = registerParameter("loc", params.create(Shape.of(dim()), Inits.zeros()));
    this.scaleRaw = registerParameter("scaleRaw", params.create(Shape.of(dim()),
        Inits.constant(inverseSoftplus(initScale))));
  }

  /** Location of each unconstrained coordinate. */
  public Tensor loc() {
    return loc;
  }

  /** Scale of each unconstrained coordinate. */
  public Tensor scale() {
    return scaleRaw.softplus();
  }

  @Override
  public Distribution unconstrained() {
    return DiagonalNormal.of(loc, scale());
  }
}
