package org.vae4j.core.estimators;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Distribution;
import org.vae4j.api.LatentVariableModel;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.autodiff.NoGrad;

/**
 * The importance-sampled estimate of {@code log p(x)} used to evaluate models (Rezende et al. 2014; Burda
 * et al. 2016): {@code log (1/k) sum_i p(x, z_i) / q(z_i|x)} with {@code z_i ~ q(z|x)}, typically with k
 * from 100 to 5000. The k samples are drawn in chunks so that at most {@code chunk} decoded batches are
 * alive at once; only the {@code (k, N)} log-weights are kept. Runs without recording gradients.
 */
public final class LogLikelihood {
  private LogLikelihood() {
  }

  /** The estimate with chunks of 100 samples. */
  public static Tensor estimate(LatentVariableModel model, Tensor x, RandomStream rng, int k) {
    return estimate(model, x, rng, k, 100);
  }

  /**
   * The estimate for each example, shape {@code (N)}, owned by the caller's scope (or the caller).
   *
   * @param k     importance samples per example (>= 1)
   * @param chunk samples decoded at once (>= 1); memory grows with {@code chunk * N}
   */
  public static Tensor estimate(LatentVariableModel model, Tensor x, RandomStream rng, int k, int chunk) {
    if (k < 1 || chunk < 1) {
      throw new IllegalArgumentException("LogLikelihood: k and chunk must be >= 1, got k = " + k + ", chunk = "
          + chunk);
    }
    try (NoGrad ignored = NoGrad.enter(); Scope outer = Scope.open()) {
      Distribution q = model.encode(x);
      List<Tensor> parts = new ArrayList<>();
      for (int done = 0; done < k; done += chunk) {
        int c = Math.min(chunk, k - done);
        try (Scope step = Scope.open()) {
          parts.add(ImportanceWeights.logWeights(model, q, x, rng, c).keep());
        }
      }
      Tensor all = parts.size() == 1 ? parts.get(0) : Tensors.concat(parts, 0);
      return ImportanceWeights.logMeanExp(all).keep();
    }
  }
}
