package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.autodiff.NoGrad;

/**
 * A mixture of K components of one family, as {@code torch.distributions.MixtureSameFamily}: the mixture
 * weights are a {@link Categorical} of batch shape B over K; the components have batch shape
 * {@code B ++ (K)} and any event shape E. This distribution has batch B and event E.
 *
 * <p>{@code logProb(x) = logSumExp_k(log w_k + log p_k(x))}; the mean and variance follow the laws of total
 * expectation and variance. Not reparameterizable, and with no closed-form entropy.
 */
public final class MixtureSameFamily extends AbstractDistribution {
  private final Categorical mixture;
  private final Distribution components;

  /**
   * @throws IllegalArgumentException when the components' batch shape is not the mixture's plus K
   */
  public MixtureSameFamily(Categorical mixture, Distribution components) {
    super(mixture.batchShape(), components.eventShape());
    Shape expected = mixture.batchShape().append(mixture.numCategories());
    if (!components.batchShape().equals(expected)) {
      throw new IllegalArgumentException("MixtureSameFamily: the components' batch shape must be the mixture's "
          + mixture.batchShape() + " followed by its " + mixture.numCategories() + " categories, i.e. " + expected
          + ", got " + components.batchShape());
    }
    this.mixture = mixture;
    this.components = components;
  }

  public Categorical mixture() {
    return mixture;
  }

  public Distribution components() {
    return components;
  }

  @Override
  public DType dtype() {
    return mixture.dtype();
  }

  /** The axis of the components in tensors of shape {@code ... ++ B ++ (K) ++ E}, counted from the end. */
  private int componentAxis() {
    return -1 - eventShape().rank();
  }

  @Override
  public Tensor sample(RandomStream rng, Shape sampleShape) {
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor index = mixture.sample(rng, sampleShape);
      Tensor all = components.sample(rng, sampleShape);
      Shape target = extendedShape(sampleShape);
      int e = eventShape().rank();
      Shape kept = sampleShape.append(batchShape()).append(1).append(target.last(e));
      Tensor idx = index.reshape(ones(sampleShape.append(batchShape()), e + 1)).expand(kept);
      return all.gather(all.rank() + componentAxis(), idx).squeeze(all.rank() + componentAxis());
    }
  }

  /** {@code prefix} followed by {@code n} ones. */
  private static Shape ones(Shape prefix, int n) {
    int[] d = new int[n];
    java.util.Arrays.fill(d, 1);
    return prefix.append(d);
  }

  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    Tensor x = value.unsqueeze(value.rank() + componentAxis() + 1);
    Tensor lp = components.logProb(x);
    return lp.add(mixture.logits()).logSumExp(-1, false);
  }

  /** {@code sum_k w_k mean_k}. */
  @Override
  public Tensor mean() {
    return weighted(components.mean());
  }

  /** {@code sum_k w_k var_k + sum_k w_k (mean_k - mean)^2}. */
  @Override
  public Tensor variance() {
    Tensor m = components.mean();
    Tensor overall = mean().unsqueeze(m.rank() + componentAxis());
    return weighted(components.variance()).add(weighted(m.sub(overall).square()));
  }

  /** Sums {@code t} of shape {@code B ++ (K) ++ E} over K, weighted by the mixture probabilities. */
  private Tensor weighted(Tensor t) {
    Tensor w = mixture.probs();
    for (int i = 0; i < eventShape().rank(); i++) {
      w = w.unsqueeze(-1);
    }
    return t.mul(w).sum(t.rank() + componentAxis());
  }

  @Override
  public Tensor entropy() {
    throw new UnsupportedOperationException(family() + " has no closed-form entropy; estimate it by Monte Carlo"
        + " as -mean(logProb(sample(...)))");
  }
}
