package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.random.RandomTensors;

/**
 * The categorical distribution over {0, ..., K-1}, K the last axis of the logits or probabilities; batch
 * shape is the other axes, event shape is scalar. Held as normalised logits ({@code logits -
 * logSumExp(logits)}), so {@code logProb} is a gather of a log-softmax: finite for logits of any size.
 *
 * <p>Values are category indices: INT32, or floating tensors holding integers. As in PyTorch, the mean
 * and variance are undefined and returned as NaN. Sampling uses the Gumbel-max trick; not
 * reparameterizable.
 */
public final class Categorical extends AbstractDistribution {
  private final Tensor logits;

  private Categorical(Tensor normalizedLogits) {
    super(normalizedLogits.shape().dropLast(1), Shape.scalar());
    this.logits = normalizedLogits;
  }

  /**
   * From unnormalised logits {@code (..., K)}: any values below {@code +inf}, {@code -inf} for a category of
   * probability 0, with at least one finite logit per row.
   *
   * @throws IllegalArgumentException (validation on) for a NaN or {@code +inf} logit, or a row of all
   *     {@code -inf}
   */
  public static Categorical fromLogits(Tensor logits) {
    requireRank(logits, "logits");
    if (Validation.isEnabled()) {
      Tensor inf = scalar(logits, Double.POSITIVE_INFINITY);
      Validation.check("Categorical", "logits", logits.lt(inf), logits, "below +inf and not NaN");
      requireEveryRow(logits.max(new int[] {-1}, false).gt(inf.neg()), "logits", "has no logit above -inf");
    }
    return new Categorical(logits.logSoftmax(-1));
  }

  private static void requireEveryRow(Tensor rowOk, String name, String problem) {
    int bad = Validation.firstFailure(rowOk);
    if (bad >= 0) {
      throw new IllegalArgumentException("Categorical: every row of " + name + " needs a category of positive"
          + " probability, but row " + Validation.index(rowOk.shape().dims(), bad) + " " + problem);
    }
  }

  /** From probabilities {@code (..., K)}, nonnegative; each row is normalised to sum 1. */
  public static Categorical fromProbs(Tensor probs) {
    requireRank(probs, "probs");
    if (Validation.isEnabled()) {
      Validation.check("Categorical", "probs", probs.ge(scalar(probs, 0.0)), probs, ">= 0");
      Validation.finite("Categorical", "probs", probs);
      requireEveryRow(probs.sum(new int[] {-1}, false).gt(scalar(probs, 0.0)), "probs", "sums to 0");
    }
    Tensor p = probs.div(probs.sum(new int[] {-1}, true));
    return new Categorical(Probabilities.toLogProbs(p));
  }

  private static void requireRank(Tensor t, String name) {
    Params.broadcast("Categorical", new String[] {name}, t);
    if (t.rank() < 1 || t.dim(-1) < 1) {
      throw new IllegalArgumentException("Categorical: " + name + " must have a last axis of K >= 1 categories,"
          + " got shape " + t.shape());
    }
  }

  /** Normalised logits (log-probabilities), {@code batchShape ++ (K)}. */
  public Tensor logits() {
    return logits;
  }

  /** Probabilities, {@code batchShape ++ (K)}. */
  public Tensor probs() {
    return logits.exp();
  }

  /** K. */
  public int numCategories() {
    return logits.dim(-1);
  }

  @Override
  public DType dtype() {
    return logits.dtype();
  }

  /** INT32 indices of shape {@code sampleShape ++ batchShape}. */
  @Override
  public Tensor sample(RandomStream rng, Shape sampleShape) {
    try (NoGrad ignored = NoGrad.enter()) {
      return RandomTensors.categorical(logits.expand(extendedShape(sampleShape).append(numCategories())), rng);
    }
  }

  @Override
  public Tensor logProb(Tensor value) {
    Shape shape = checkValueShape(value);
    Tensor idx = value.dtype() == DType.INT32 ? value : value.detach();
    if (Validation.isEnabled()) {
      Tensor v = idx.cast(dtype());
      Validation.check(family(), "value", v.ge(scalar(v, 0.0)).mul(v.lt(scalar(v, numCategories())))
          .mul(v.floor().eq(v)), v, "an integer in [0, " + numCategories() + ")");
    }
    Tensor index = idx.cast(DType.INT32).expand(shape).unsqueeze(-1);
    return logits.expand(shape.append(numCategories())).gather(-1, index).squeeze(-1);
  }

  /** NaN of the batch shape: a categorical has no mean on its labels (as PyTorch). */
  @Override
  public Tensor mean() {
    return logits.factory().full(batchShape(), Double.NaN, dtype());
  }

  /** NaN of the batch shape (as PyTorch). */
  @Override
  public Tensor variance() {
    return mean();
  }

  @Override
  public Tensor entropy() {
    return logits.exp().mul(logits).sum(-1).neg();
  }
}
