package org.vae4j.core.estimators;

import org.vae4j.api.Distribution;
import org.vae4j.api.LatentVariableModel;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;

/** The log importance weights shared by the IWAE bound and the log-likelihood estimate. */
final class ImportanceWeights {
  private ImportanceWeights() {
  }

  /**
   * {@code log p(x|z_k) + log p(z_k) - log q(z_k|x)} for {@code k} draws {@code z_k ~ q}, shape
   * {@code (k, N)}; reparameterized draws when q has them, so the result is differentiable.
   */
  static Tensor logWeights(LatentVariableModel model, Distribution q, Tensor x, RandomStream rng, int k) {
    Tensor z = q.hasRsample() ? q.rsample(rng, Shape.of(k)) : q.sample(rng, Shape.of(k));
    Tensor logPx = model.decode(z).logProb(x);
    return logPx.add(model.prior().logProb(z)).sub(q.logProb(z));
  }

  /** {@code logSumExp_k(logW) - log k} over axis 0. */
  static Tensor logMeanExp(Tensor logW) {
    return logW.logSumExp(0, false).sub(Math.log(logW.dim(0)));
  }
}
