package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;

/**
 * The beta distribution on {@code [0, 1]} with {@code concentration1} (alpha, the weight of 1) and
 * {@code concentration0} (beta), elementwise over a batch; torch's parameter names.
 *
 * <p>Reparameterized with implicit gradients: {@code X / (X + Y)} for independent {@code X ~ Gamma(alpha)}
 * and {@code Y ~ Gamma(beta)}, formed on the host as {@code sigmoid(log X - log Y)} (exact when both
 * underflow), with {@code dz/dalpha = z (1 - z) d(log X)/d(alpha)} and likewise for beta. Draws are clamped
 * to {@code [tiny, 1 - eps]} of the dtype, so that {@code logProb} of a draw is finite.
 */
public final class Beta extends AbstractDistribution {
  private final Tensor concentration1;
  private final Tensor concentration0;

  /** @throws IllegalArgumentException when a concentration is not {@code > 0} and finite, or shapes do not broadcast */
  public Beta(Tensor concentration1, Tensor concentration0) {
    this(params(concentration1, concentration0));
  }

  private Beta(Tensor[] p) {
    super(p[0].shape(), Shape.scalar());
    this.concentration1 = p[0];
    this.concentration0 = p[1];
  }

  private static Tensor[] params(Tensor c1, Tensor c0) {
    Tensor[] p = Params.broadcast("Beta", new String[] {"concentration1", "concentration0"}, c1, c0);
    ParameterChecks.of("Beta").positiveFinite("concentration1", c1).positiveFinite("concentration0", c0).run();
    return p;
  }

  /** alpha, of the batch shape. */
  public Tensor concentration1() {
    return concentration1;
  }

  /** beta, of the batch shape. */
  public Tensor concentration0() {
    return concentration0;
  }

  @Override
  public DType dtype() {
    return concentration1.dtype();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    Shape shape = extendedShape(sampleShape);
    Tensor a = concentration1.expand(shape);
    Tensor b = concentration0.expand(shape);
    ImplicitGradients.LogGamma x = ImplicitGradients.logStandardGamma(a, rng);
    ImplicitGradients.LogGamma y = ImplicitGradients.logStandardGamma(b, rng);
    double lo = ImplicitGradients.tiny(dtype());
    double hi = 1 - Probabilities.eps(dtype());
    int n = x.logValues().length;
    double[] z = new double[n];
    double[] ga = x.logGradients() == null ? null : new double[n];
    double[] gb = y.logGradients() == null ? null : new double[n];
    for (int i = 0; i < n; i++) {
      double d = x.logValues()[i] - y.logValues()[i];
      double zi = d >= 0 ? 1 / (1 + Math.exp(-d)) : Math.exp(d) / (1 + Math.exp(d));
      double slope = d >= 0 ? Math.exp(-d) * zi * zi : zi / (1 + Math.exp(d));   // dz / d(log X - log Y)
      z[i] = Math.min(Math.max(zi, lo), hi);
      if (ga != null) {
        ga[i] = slope * x.logGradients()[i];
      }
      if (gb != null) {
        gb[i] = -slope * y.logGradients()[i];
      }
    }
    Tensor value = a.factory().of(z, shape, dtype());
    return ImplicitGradients.attach(ImplicitGradients.attach(value, ga, a), gb, b);
  }

  /** {@code (alpha - 1) log x + (beta - 1) log(1 - x) - log B(alpha, beta)}, with {@code 0 log 0 = 0}. */
  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    if (Validation.isEnabled()) {
      Validation.check(family(), "value", value.ge(scalar(value, 0.0)).mul(value.le(scalar(value, 1.0))), value,
          "in [0, 1]");
    }
    return SpecialFunctions.xlogy(concentration1.sub(1.0), value)
        .add(SpecialFunctions.xlogy(concentration0.sub(1.0), value.rsub(1.0))).sub(logBeta());
  }

  /** {@code log B(alpha, beta) = lgamma(alpha) + lgamma(beta) - lgamma(alpha + beta)}. */
  Tensor logBeta() {
    return concentration1.lgamma().add(concentration0.lgamma()).sub(total().lgamma());
  }

  /** {@code alpha + beta}. */
  Tensor total() {
    return concentration1.add(concentration0);
  }

  @Override
  public Tensor mean() {
    return concentration1.div(total());
  }

  @Override
  public Tensor variance() {
    Tensor t = total();
    return concentration1.mul(concentration0).div(t.square().mul(t.add(1.0)));
  }

  /**
   * {@code log B(a, b) - (a - 1) psi(a) - (b - 1) psi(b) + (a + b - 2) psi(a + b)}, torch's Dirichlet entropy
   * for two categories.
   */
  @Override
  public Tensor entropy() {
    Tensor t = total();
    return logBeta().sub(concentration1.sub(1.0).mul(concentration1.digamma()))
        .sub(concentration0.sub(1.0).mul(concentration0.digamma())).add(t.sub(2.0).mul(t.digamma()));
  }
}
