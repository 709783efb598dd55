package org.vae4j.core.estimators;

import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Tensor;
import org.vae4j.core.kl.KlRegistry;

/**
 * The complexity cost of Bayes by Backprop (Blundell et al. 2015): for weights with posterior q(w) and
 * prior p(w), the per-minibatch loss is {@code pi_i KL(q || p) + NLL(minibatch)}. With the NLL averaged
 * over the batch, the matching weight is {@code 1 / N} (N the dataset size), which
 * {@link #loss(Tensor, Tensor, long)} applies; {@link #minibatchWeight} gives the paper's alternative
 * schedule for summed NLLs. Stateless.
 */
public final class BayesByBackprop {
  private BayesByBackprop() {
  }

  /** The total {@code KL(q(w) || p(w))}, summed over every axis; analytic through {@link KlRegistry}. */
  public static Tensor complexity(Distribution posterior, Distribution prior) {
    return KlRegistry.kl(posterior, prior).sum();
  }

  /**
   * The single-sample Monte Carlo complexity {@code log q(w) - log p(w)} at a draw {@code w} of the
   * posterior (the paper's estimator, for priors such as scale mixtures that have no analytic KL),
   * summed over every axis.
   */
  public static Tensor complexity(Distribution posterior, Distribution prior, Tensor w) {
    return posterior.logProb(w).sub(prior.logProb(w)).sum();
  }

  /** The Monte Carlo complexity at {@code samples} draws of the posterior, averaged. */
  public static Tensor complexity(Distribution posterior, Distribution prior, RandomStream rng, int samples) {
    return KlRegistry.monteCarlo(posterior, prior, rng, samples).sum();
  }

  /**
   * {@code meanNll + complexity / datasetSize}: the minibatch loss whose sum over an epoch of
   * {@code N / M} batches is the whole variational free energy divided by M.
   */
  public static Tensor loss(Tensor meanNll, Tensor complexity, long datasetSize) {
    if (datasetSize < 1) {
      throw new IllegalArgumentException("BayesByBackprop: datasetSize must be >= 1, got " + datasetSize);
    }
    return meanNll.add(complexity.div((double) datasetSize));
  }

  /**
   * The paper's weight {@code pi_i = 2^(M - i) / (2^M - 1)} of minibatch {@code i} (1-based) of
   * {@code m}: large for the first batches of an epoch, summing to 1 over the epoch.
   */
  public static double minibatchWeight(int i, int m) {
    if (m < 1 || i < 1 || i > m) {
      throw new IllegalArgumentException("BayesByBackprop.minibatchWeight: need 1 <= i <= m, got i = " + i
          + ", m = " + m);
    }
    return Math.pow(2.0, -i) / (1.0 - Math.pow(2.0, -m));
  }
}
