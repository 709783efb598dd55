package org.vae4j.models.bayes;

import java.util.List;
import org.vae4j.api.Tensor;
import org.vae4j.core.Tensors;

/**
 * A factorized prior over network weights, the same for every weight. {@link #logProb} sums over all
 * elements; {@link #kl} is available in closed form for the Normal prior only, and Bayes by Backprop uses
 * the Monte Carlo estimate {@code log q(w) - log p(w)} otherwise.
 */
public sealed interface WeightPrior {

  /** {@code sum_i log p(w_i)}, a scalar. */
  Tensor logProb(Tensor w);

  /** True when {@link #kl} is available. */
  boolean hasClosedFormKl();

  /**
   * {@code sum_i KL(N(mu_i, sigma_i^2) || p)}, a scalar.
   *
   * @throws UnsupportedOperationException when the prior has no closed form (a scale mixture)
   */
  Tensor kl(Tensor mu, Tensor sigma);

  /** N(0, sigma^2) for every weight. */
  static WeightPrior normal(double sigma) {
    return new Normal(sigma);
  }

  /** Blundell et al.'s {@code pi N(0, sigma1^2) + (1 - pi) N(0, sigma2^2)}. */
  static WeightPrior scaleMixture(double pi, double sigma1, double sigma2) {
    return new ScaleMixture(pi, sigma1, sigma2);
  }

  /** {@code sum log N(w; mu, sigma^2)} for any broadcasting mu and sigma. */
  static Tensor normalLogDensity(Tensor w, Tensor mu, Tensor sigma) {
    Tensor z = w.sub(mu).div(sigma);
    return z.square().mul(-0.5).sub(sigma.log()).sub(0.5 * Math.log(2 * Math.PI)).sum();
  }

  /** The Normal prior. */
  record Normal(double sigma) implements WeightPrior {
    public Normal {
      if (!(sigma > 0) || Double.isInfinite(sigma)) {
        throw new IllegalArgumentException("WeightPrior.normal: sigma must be positive and finite, got " + sigma);
      }
    }

    @Override
    public Tensor logProb(Tensor w) {
      return w.square().mul(-0.5 / (sigma * sigma)).sub(Math.log(sigma) + 0.5 * Math.log(2 * Math.PI)).sum();
    }

    @Override
    public boolean hasClosedFormKl() {
      return true;
    }

    /** {@code log(s0 / sigma) + (sigma^2 + mu^2) / (2 s0^2) - 1/2}, summed. */
    @Override
    public Tensor kl(Tensor mu, Tensor sigmaQ) {
      Tensor quad = sigmaQ.square().add(mu.square()).mul(0.5 / (sigma * sigma));
      return quad.sub(sigmaQ.log()).add(Math.log(sigma) - 0.5).sum();
    }
  }

  /** The scale mixture of two zero-mean Normals. */
  record ScaleMixture(double pi, double sigma1, double sigma2) implements WeightPrior {
    public ScaleMixture {
      if (!(pi > 0 && pi < 1) || !(sigma1 > 0) || !(sigma2 > 0)) {
        throw new IllegalArgumentException("WeightPrior.scaleMixture: need 0 < pi < 1 and positive sigmas, got pi "
            + pi + ", sigma1 " + sigma1 + ", sigma2 " + sigma2);
      }
    }

    @Override
    public Tensor logProb(Tensor w) {
      Tensor sq = w.square();
      double c = 0.5 * Math.log(2 * Math.PI);
      Tensor a = sq.mul(-0.5 / (sigma1 * sigma1)).add(Math.log(pi) - Math.log(sigma1) - c);
      Tensor b = sq.mul(-0.5 / (sigma2 * sigma2)).add(Math.log1p(-pi) - Math.log(sigma2) - c);
      return Tensors.stack(List.of(a, b), 0).logSumExp(0, false).sum();
    }

    @Override
    public boolean hasClosedFormKl() {
      return false;
    }

    @Override
    public Tensor kl(Tensor mu, Tensor sigma) {
      throw new UnsupportedOperationException("WeightPrior.scaleMixture: the KL from a Normal to a scale mixture"
          + " has no closed form; estimate it by Monte Carlo, log q(w) - log p(w) at sampled weights");
    }
  }
}
