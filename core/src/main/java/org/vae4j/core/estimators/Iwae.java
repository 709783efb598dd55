package org.vae4j.core.estimators;

import org.vae4j.api.Distribution;
import org.vae4j.api.LatentVariableModel;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Tensor;

/**
 * The importance-weighted bound of Burda et al. (2016):
 * {@code L_k(x) = E[log (1/k) sum_i p(x, z_i) / q(z_i|x)]} with {@code z_i ~ q(z|x)}, computed with
 * {@code logSumExp} so it is stable however small the weights. {@code L_1} is the ELBO; {@code L_k}
 * increases with k towards {@code log p(x)}. Immutable and thread-safe.
 */
public final class Iwae {
  private final int k;
  private final Reduction reduction;
  private final long datasetSize;

  /** The bound with {@code k} samples per example and the MEAN reduction. */
  public Iwae(int k) {
    this(k, Reduction.MEAN, 0);
  }

  /**
   * @param datasetSize N for {@link Reduction#DATASET}, ignored otherwise
   */
  public Iwae(int k, Reduction reduction, long datasetSize) {
    if (k < 1) {
      throw new IllegalArgumentException("Iwae: k must be >= 1, got " + k);
    }
    if (reduction == Reduction.DATASET && datasetSize < 1) {
      throw new IllegalArgumentException("Iwae: Reduction.DATASET needs datasetSize >= 1, got " + datasetSize);
    }
    this.k = k;
    this.reduction = reduction;
    this.datasetSize = datasetSize;
  }

  /**
   * One evaluation: {@code loss} the scalar to minimise, {@code perExample} the bound {@code (N)}.
   */
  public record Result(Tensor loss, Tensor perExample) {
    /** The batch-mean bound, read to the host. */
    public double bound() {
      return perExample.mean().item();
    }
  }

  /** The bound of the batch {@code x} of shape {@code (N) ++ D}; differentiable when q has rsample. */
  public Result compute(LatentVariableModel model, Tensor x, RandomStream rng) {
    Distribution q = model.encode(x);
    Tensor perExample = ImportanceWeights.logMeanExp(ImportanceWeights.logWeights(model, q, x, rng, k));
    Tensor loss = perExample.mean().neg();
    loss = switch (reduction) {
      case MEAN -> loss;
      case SUM -> loss.mul(x.dim(0));
      case DATASET -> loss.mul((double) datasetSize);
    };
    return new Result(loss, perExample);
  }
}
