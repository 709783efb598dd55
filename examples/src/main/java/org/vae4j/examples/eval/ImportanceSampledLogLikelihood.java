package org.vae4j.examples.eval;

import org.vae4j.api.Distribution;
import org.vae4j.api.LatentVariableModel;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;

/**
 * The importance-sampled estimate of log p(x) that Burda et al. (2016) report for VAEs:
 * {@code log (1/k) sum_i p(x, z_i) / q(z_i | x)} with {@code z_i ~ q(z | x)}. It is a lower bound in
 * expectation that tightens as {@code k} grows; with {@code k = 1} it is the ELBO. Stateless and
 * thread-safe; each call runs under {@link NoGrad}.
 */
public final class ImportanceSampledLogLikelihood {
  private ImportanceSampledLogLikelihood() {
  }

  /**
   * The estimate for each example of {@code x}.
   *
   * @param model   the model, whose posterior has an empty event batch beyond the examples
   * @param x       {@code (N) ++ D} inputs
   * @param samples importance samples k per example, at least 1
   * @param rng     the stream the latent draws come from
   * @return N values, in nats
   */
  public static double[] perExample(LatentVariableModel model, Tensor x, int samples, RandomStream rng) {
    if (samples < 1) {
      throw new IllegalArgumentException("importance sampling: samples must be >= 1, got " + samples);
    }
    try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
      Distribution q = model.encode(x);
      Tensor z = q.sample(rng, Shape.of(samples));
      Tensor logWeights = model.decode(z).logProb(x).add(model.prior().logProb(z)).sub(q.logProb(z));
      if (!logWeights.shape().equals(Shape.of(samples, x.dim(0)))) {
        throw new IllegalStateException("importance sampling: log-weights have shape " + logWeights.shape()
            + ", expected (" + samples + ", " + x.dim(0) + ") for " + samples + " samples of " + x.dim(0)
            + " examples");
      }
      double[] values = logWeights.logSumExp(0, false).sub(Math.log(samples)).toDoubleArray();
      return values;
    }
  }
}
