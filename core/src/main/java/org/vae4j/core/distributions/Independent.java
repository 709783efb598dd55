package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.transforms.Bijectors;

/**
 * Reinterprets the last {@code reinterpretedBatchDims} batch axes of a base distribution as event axes, as
 * {@code torch.distributions.Independent} and TFP's {@code Independent}: {@code logProb} and
 * {@code entropy} sum the base's over those axes; samples and moments are the base's.
 *
 * <p>Example: {@code new Independent(new Normal(loc, scale), 1)} with loc {@code (N, D)} has batch
 * {@code (N)} and event {@code (D)}: a diagonal multivariate normal per row.
 */
public final class Independent extends AbstractDistribution {
  private final Distribution base;
  private final int reinterpreted;

  /**
   * @throws IllegalArgumentException when {@code reinterpretedBatchDims} is negative or exceeds the base's
   *     batch rank
   */
  public Independent(Distribution base, int reinterpretedBatchDims) {
    super(split(base, reinterpretedBatchDims), base.batchShape().last(reinterpretedBatchDims)
        .append(base.eventShape()));
    this.base = base;
    this.reinterpreted = reinterpretedBatchDims;
  }

  private static Shape split(Distribution base, int n) {
    int rank = base.batchShape().rank();
    if (n < 0 || n > rank) {
      throw new IllegalArgumentException("Independent: reinterpretedBatchDims must be in [0, " + rank + "] for "
          + base.getClass().getSimpleName() + " with batch shape " + base.batchShape() + ", got " + n);
    }
    return base.batchShape().dropLast(n);
  }

  @Override
  public String family() {
    return "Independent(" + (base instanceof AbstractDistribution a ? a.family() : base.getClass().getSimpleName())
        + ", " + reinterpreted + ")";
  }

  /** The wrapped distribution. */
  public Distribution base() {
    return base;
  }

  /** How many trailing batch axes of the base are event axes here. */
  public int reinterpretedBatchDims() {
    return reinterpreted;
  }

  @Override
  public DType dtype() {
    return base instanceof AbstractDistribution a ? a.dtype() : base.mean().dtype();
  }

  @Override
  public boolean hasRsample() {
    return base.hasRsample();
  }

  @Override
  public Tensor sample(RandomStream rng, Shape sampleShape) {
    return base.sample(rng, sampleShape);
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    return base.rsample(rng, sampleShape);
  }

  @Override
  public Tensor logProb(Tensor value) {
    return sumRightmost(base.logProb(value), reinterpreted);
  }

  @Override
  public Tensor mean() {
    return base.mean();
  }

  @Override
  public Tensor variance() {
    return base.variance();
  }

  @Override
  public Tensor stddev() {
    return base.stddev();
  }

  @Override
  public Tensor entropy() {
    return sumRightmost(base.entropy(), reinterpreted);
  }

  /** Sums the last {@code n} axes of {@code t} (none when {@code n == 0}). */
  public static Tensor sumRightmost(Tensor t, int n) {
    return Bijectors.sumRightmost(t, n);
  }
}
