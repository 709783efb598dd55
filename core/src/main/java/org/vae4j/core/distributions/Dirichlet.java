package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;

/**
 * The Dirichlet distribution on the probability simplex: {@code concentration} is {@code (..., K)}, the last
 * axis the event, the others the batch.
 *
 * <p>Reparameterized with implicit gradients: {@code z = G / sum(G)} for independent
 * {@code G_k ~ Gamma(alpha_k)}, normalised on the host in log space (softmax of {@code log G}), with the
 * gradient of each {@code log G_k} from {@link org.vae4j.core.random.GammaVariates} and the softmax's own
 * Jacobian {@code dz_k / d log G_j = z_k (delta_kj - z_j)} applied on the tape. Components are clamped
 * below at the dtype's smallest normal number.
 */
public final class Dirichlet extends AbstractDistribution {
  private final Tensor concentration;

  /** @throws IllegalArgumentException for rank 0, or (validation on) a concentration not {@code > 0} and finite */
  public Dirichlet(Tensor concentration) {
    super(checked(concentration).shape().dropLast(1), concentration.shape().last(1));
    this.concentration = concentration;
  }

  private static Tensor checked(Tensor concentration) {
    Params.broadcast("Dirichlet", new String[] {"concentration"}, concentration);
    if (concentration.rank() < 1) {
      throw new IllegalArgumentException("Dirichlet: concentration must have a last axis of K categories, got"
          + " shape " + concentration.shape());
    }
    ParameterChecks.of("Dirichlet").positiveFinite("concentration", concentration).run();
    return concentration;
  }

  /** alpha, {@code batchShape ++ (K)}. */
  public Tensor concentration() {
    return concentration;
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
    Tensor alpha = concentration.expand(shape);
    ImplicitGradients.LogGamma g = ImplicitGradients.logStandardGamma(alpha, rng);
    int k = shape.dim(-1);
    int rows = g.logValues().length / k;
    double tiny = ImplicitGradients.tiny(dtype());
    double[] z = new double[rows * k];
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        max = Math.max(max, g.logValues()[r * k + j]);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += Math.exp(g.logValues()[r * k + j] - max);
      }
      for (int j = 0; j < k; j++) {
        z[r * k + j] = Math.max(Math.exp(g.logValues()[r * k + j] - max) / sum, tiny);
      }
    }
    Tensor value = alpha.factory().of(z, shape, dtype());
    if (g.logGradients() == null) {
      return value;
    }
    // d = log G's deviation: zero in value, with the host's gradient in alpha; then dz = z (d - sum_j z_j d_j)
    Tensor d = ImplicitGradients.attach(alpha.factory().zeros(shape, dtype()), g.logGradients(), alpha);
    return value.add(value.mul(d.sub(value.mul(d).sum(new int[] {-1}, true))));
  }

  /** {@code sum_k (alpha_k - 1) log x_k + lgamma(sum alpha) - sum lgamma(alpha_k)}, with {@code 0 log 0 = 0}. */
  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    if (Validation.isEnabled()) {
      Validation.check(family(), "value", value.ge(scalar(value, 0.0)), value, ">= 0 (a point of the simplex)");
      Tensor rowSum = value.sum(new int[] {-1}, false);
      double tol = Math.max(1e-6, 100 * Probabilities.eps(value.dtype()) * value.dim(-1));
      Validation.check(family(), "value row sum", rowSum.sub(1.0).abs().le(scalar(value, tol)), rowSum,
          "1 (a point of the simplex)");
    }
    return SpecialFunctions.xlogy(concentration.sub(1.0), value).sum(-1)
        .add(concentration.sum(-1).lgamma()).sub(concentration.lgamma().sum(-1));
  }

  @Override
  public Tensor mean() {
    return concentration.div(concentration.sum(new int[] {-1}, true));
  }

  @Override
  public Tensor variance() {
    Tensor total = concentration.sum(new int[] {-1}, true);
    return concentration.mul(total.sub(concentration)).div(total.square().mul(total.add(1.0)));
  }

  /**
   * {@code sum lgamma(alpha_k) - lgamma(a0) - (K - a0) psi(a0) - sum (alpha_k - 1) psi(alpha_k)} with
   * {@code a0 = sum alpha_k}.
   */
  @Override
  public Tensor entropy() {
    int k = concentration.dim(-1);
    Tensor a0 = concentration.sum(-1);
    return concentration.lgamma().sum(-1).sub(a0.lgamma()).sub(a0.rsub(k).mul(a0.digamma()))
        .sub(concentration.sub(1.0).mul(concentration.digamma()).sum(-1));
  }
}
