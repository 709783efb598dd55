package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;
import org.vae4j.core.autodiff.NoGrad;

/**
 * A categorical over one-hot vectors: event shape {@code (K)}. Values are one-hot rows in the parameters'
 * dtype; {@code logProb} is {@code sum(value * logSoftmax(logits))}. Not reparameterizable (see
 * {@link RelaxedOneHotCategorical}).
 */
public final class OneHotCategorical extends AbstractDistribution {
  private final Categorical categorical;

  private OneHotCategorical(Categorical categorical) {
    super(categorical.batchShape(), Shape.of(categorical.numCategories()));
    this.categorical = categorical;
  }

  /** From unnormalised logits {@code (..., K)}. */
  public static OneHotCategorical fromLogits(Tensor logits) {
    return new OneHotCategorical(Categorical.fromLogits(logits));
  }

  /** From probabilities {@code (..., K)}. */
  public static OneHotCategorical fromProbs(Tensor probs) {
    return new OneHotCategorical(Categorical.fromProbs(probs));
  }

  /** The categorical over indices. */
  public Categorical categorical() {
    return categorical;
  }

  @Override
  public DType dtype() {
    return categorical.dtype();
  }

  @Override
  public Tensor sample(RandomStream rng, Shape sampleShape) {
    try (NoGrad ignored = NoGrad.enter()) {
      return Functions.oneHot(categorical.sample(rng, sampleShape), categorical.numCategories(), dtype());
    }
  }

  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    if (Validation.isEnabled()) {
      Tensor binary = value.eq(scalar(value, 0.0)).add(value.eq(scalar(value, 1.0)));
      Validation.check(family(), "value", binary, value, "0 or 1 (one-hot rows)");
      Tensor rows = value.sum(new int[] {-1}, false);
      Validation.check(family(), "value row sum", rows.eq(scalar(rows, 1.0)), rows, "1 (exactly one hot entry)");
    }
    return value.mul(categorical.logits()).sum(-1);
  }

  @Override
  public Tensor mean() {
    return categorical.probs();
  }

  @Override
  public Tensor variance() {
    Tensor p = categorical.probs();
    return p.mul(p.rsub(1.0));
  }

  @Override
  public Tensor entropy() {
    return categorical.entropy();
  }
}
