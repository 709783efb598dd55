package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.random.CountVariates;

/**
 * The binomial distribution: the number of successes in {@code totalCount} independent trials of
 * probability {@code sigmoid(logits)}, elementwise over a batch. Held as logits, so {@code logProb} is exact
 * at {@code |logit| = 100}. Values are floating tensors holding integers. Sampled exactly on the host (see
 * {@link CountVariates}); not reparameterizable.
 *
 * <p>As torch, the entropy sums over the support and needs one total count for the whole batch.
 */
public final class Binomial extends AbstractDistribution {
  private final Tensor totalCount;
  private final Tensor logits;

  private Binomial(Tensor[] p) {
    super(p[0].shape(), Shape.scalar());
    this.totalCount = p[0];
    this.logits = p[1];
  }

  /**
   * @param totalCount nonnegative integers (as floating values), broadcasting with the logits
   * @throws IllegalArgumentException (validation on) for a count that is not a nonnegative integer, or NaN
   *     logits
   */
  public static Binomial fromLogits(Tensor totalCount, Tensor logits) {
    Tensor[] p = Params.broadcast("Binomial", new String[] {"totalCount", "logits"}, totalCount, logits);
    checkCount(totalCount);
    if (Validation.isEnabled()) {
      Validation.check("Binomial", "logits", logits.eq(logits), logits, "a number (not NaN)");
    }
    return new Binomial(p);
  }

  /** From probabilities in [0, 1], clamped to {@code [eps, 1 - eps]} before taking logits, as torch. */
  public static Binomial fromProbs(Tensor totalCount, Tensor probs) {
    Params.broadcast("Binomial", new String[] {"totalCount", "probs"}, totalCount, probs);
    Validation.unitInterval("Binomial", "probs", probs);
    return fromLogits(totalCount, Probabilities.toLogits(probs));
  }

  private static void checkCount(Tensor n) {
    if (Validation.isEnabled()) {
      Validation.check("Binomial", "totalCount", n.ge(scalar(n, 0.0)).mul(n.floor().eq(n)), n,
          "a nonnegative integer");
    }
  }

  /** The number of trials, of the batch shape. */
  public Tensor totalCount() {
    return totalCount;
  }

  public Tensor logits() {
    return logits;
  }

  public Tensor probs() {
    return logits.sigmoid();
  }

  @Override
  public DType dtype() {
    return logits.dtype();
  }

  @Override
  public Tensor sample(RandomStream rng, Shape sampleShape) {
    try (NoGrad ignored = NoGrad.enter()) {
      Shape shape = extendedShape(sampleShape);
      double[] counts = CountVariates.binomial(totalCount.expand(shape).toDoubleArray(),
          probs().expand(shape).toDoubleArray(), rng);
      return logits.factory().of(counts, shape, dtype());
    }
  }

  /**
   * {@code lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + k l - n softplus(l)}: {@code log p = l -
   * softplus(l)} and {@code log(1 - p) = -softplus(l)}.
   */
  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    if (Validation.isEnabled()) {
      Validation.check(family(), "value", value.ge(scalar(value, 0.0)).mul(value.le(totalCount))
          .mul(value.floor().eq(value)), value, "an integer in [0, totalCount]");
    }
    return totalCount.add(1.0).lgamma().sub(value.add(1.0).lgamma()).sub(totalCount.sub(value).add(1.0).lgamma())
        .add(value.mul(logits)).sub(totalCount.mul(logits.softplus()));
  }

  @Override
  public Tensor mean() {
    return totalCount.mul(probs());
  }

  /** {@code n sigmoid(l) sigmoid(-l)}, exact for large |l|. */
  @Override
  public Tensor variance() {
    return totalCount.mul(logits.sigmoid()).mul(logits.neg().sigmoid());
  }

  /**
   * {@code -sum_k p(k) log p(k)} over {@code k = 0..n}.
   *
   * @throws UnsupportedOperationException when the total counts differ within the batch
   */
  @Override
  public Tensor entropy() {
    double n;
    try (NoGrad ignored = NoGrad.enter()) {
      n = totalCount.max().item();
      if (totalCount.min().item() != n) {
        throw new UnsupportedOperationException("Binomial.entropy needs one total count for the whole batch (it"
            + " sums over the support), got counts from " + totalCount.min().item() + " to " + n);
      }
    }
    int count = (int) n;
    double[] support = new double[count + 1];
    for (int k = 0; k <= count; k++) {
      support[k] = k;
    }
    int[] dims = new int[batchShape().rank() + 1];
    java.util.Arrays.fill(dims, 1);
    dims[0] = count + 1;
    Tensor k = logits.factory().of(support, Shape.of(dims), dtype());
    Tensor lp = logProb(k);
    return lp.exp().mul(lp).sum(0).neg();
  }
}
