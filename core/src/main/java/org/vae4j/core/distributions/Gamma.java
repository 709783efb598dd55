package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;

/**
 * The gamma distribution with shape {@code concentration} (alpha) and {@code rate} (beta), density
 * {@code beta^alpha x^(alpha - 1) e^(-beta x) / Gamma(alpha)} on {@code [0, inf)}, elementwise over a batch.
 *
 * <p>Reparameterized with implicit gradients as torch.distributions: draws come from Marsaglia and Tsang's
 * sampler on the host, and {@code d sample / d alpha} is the exact implicit derivative at the draw's
 * quantile (see {@link org.vae4j.core.random.GammaVariates}); the gradient in the rate is
 * {@code -sample / rate}. Draws are clamped below at the dtype's smallest normal number, as torch.
 */
public final class Gamma extends AbstractDistribution {
  private final Tensor concentration;
  private final Tensor rate;

  /** @throws IllegalArgumentException when a parameter is not {@code > 0} and finite, or the shapes do not broadcast */
  public Gamma(Tensor concentration, Tensor rate) {
    this(params(concentration, rate));
  }

  private Gamma(Tensor[] p) {
    super(p[0].shape(), Shape.scalar());
    this.concentration = p[0];
    this.rate = p[1];
  }

  private static Tensor[] params(Tensor concentration, Tensor rate) {
    Tensor[] p = Params.broadcast("Gamma", new String[] {"concentration", "rate"}, concentration, rate);
    ParameterChecks.of("Gamma").positiveFinite("concentration", concentration).positiveFinite("rate", rate).run();
    return p;
  }

  /** alpha, of the batch shape. */
  public Tensor concentration() {
    return concentration;
  }

  /** beta, of the batch shape. */
  public Tensor rate() {
    return rate;
  }

  @Override
  public DType dtype() {
    return concentration.dtype();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    Shape shape = extendedShape(sampleShape);
    return standardGamma(concentration.expand(shape), rng).div(rate)
        .maximum(scalar(rate, ImplicitGradients.tiny(dtype())));
  }

  /**
   * Draws of {@code Gamma(alpha, 1)}, one per element of {@code alpha}, differentiable in alpha through the
   * implicit gradient; clamped below at the dtype's smallest normal number.
   */
  static Tensor standardGamma(Tensor alpha, RandomStream rng) {
    ImplicitGradients.LogGamma draws = ImplicitGradients.logStandardGamma(alpha, rng);
    double tiny = ImplicitGradients.tiny(alpha.dtype());
    double[] z = new double[draws.logValues().length];
    double[] g = draws.logGradients() == null ? null : new double[z.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.max(Math.exp(draws.logValues()[i]), tiny);
      if (g != null) {
        g[i] = z[i] * draws.logGradients()[i];
      }
    }
    return ImplicitGradients.attach(alpha.factory().of(z, alpha.shape(), alpha.dtype()), g, alpha);
  }

  /** {@code alpha log beta + (alpha - 1) log x - beta x - lgamma(alpha)}, with {@code 0 log 0 = 0}. */
  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    if (Validation.isEnabled()) {
      Validation.check(family(), "value", value.ge(scalar(value, 0.0)), value, ">= 0");
    }
    return concentration.mul(rate.log()).add(SpecialFunctions.xlogy(concentration.sub(1.0), value))
        .sub(rate.mul(value)).sub(concentration.lgamma());
  }

  @Override
  public Tensor mean() {
    return concentration.div(rate);
  }

  @Override
  public Tensor variance() {
    return concentration.div(rate.square());
  }

  /** {@code alpha - log beta + lgamma(alpha) + (1 - alpha) digamma(alpha)}. */
  @Override
  public Tensor entropy() {
    return concentration.sub(rate.log()).add(concentration.lgamma())
        .add(concentration.rsub(1.0).mul(concentration.digamma()));
  }
}
