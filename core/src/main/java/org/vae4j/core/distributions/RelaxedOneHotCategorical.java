package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;
import org.vae4j.core.random.RandomTensors;

/**
 * The Gumbel-softmax or concrete distribution (Jang et al. 2017; Maddison et al. 2017) over the simplex,
 * event shape {@code (K)}: {@code softmax((logits + g) / temperature)} with standard Gumbel noise g.
 * Reparameterized. The {@link #hard} variant returns one-hot samples whose gradient is the soft sample's
 * (straight-through); its {@code logProb} is still the relaxed density, of the soft value.
 *
 * <p>PyTorch defines no mean, variance or entropy for it; those throw.
 */
public final class RelaxedOneHotCategorical extends AbstractDistribution {
  private final Tensor temperature;
  private final Tensor logits;
  private final boolean hard;

  private RelaxedOneHotCategorical(Tensor temperature, Tensor logits, boolean hard) {
    super(logits.shape().dropLast(1), Shape.of(logits.dim(-1)));
    this.temperature = temperature;
    this.logits = logits;
    this.hard = hard;
  }

  /**
   * Soft samples from logits {@code (..., K)} at the given temperature (> 0).
   *
   * @throws IllegalArgumentException when the temperature is not > 0 or the logits have no last axis
   */
  public static RelaxedOneHotCategorical fromLogits(double temperature, Tensor logits) {
    return create(temperature, Categorical.fromLogits(logits).logits(), false);
  }

  /** From probabilities {@code (..., K)}. */
  public static RelaxedOneHotCategorical fromProbs(double temperature, Tensor probs) {
    return create(temperature, Categorical.fromProbs(probs).logits(), false);
  }

  private static RelaxedOneHotCategorical create(double temperature, Tensor logits, boolean hard) {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("RelaxedOneHotCategorical: temperature must be > 0 and finite, got "
          + temperature);
    }
    return new RelaxedOneHotCategorical(logits.factory().scalar(temperature, logits.dtype()), logits, false)
        .withHard(hard);
  }

  /** The same distribution whose samples are straight-through one-hot vectors when {@code hard}. */
  public RelaxedOneHotCategorical withHard(boolean hardSamples) {
    return new RelaxedOneHotCategorical(temperature, logits, hardSamples);
  }

  /** True when samples are one-hot (straight-through). */
  public boolean isHard() {
    return hard;
  }

  /** Normalised logits {@code batchShape ++ (K)}. */
  public Tensor logits() {
    return logits;
  }

  /** The temperature, a scalar tensor. */
  public Tensor temperature() {
    return temperature;
  }

  @Override
  public DType dtype() {
    return logits.dtype();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    Tensor g = RandomTensors.gumbel(logits.factory(), rng, extendedShape(sampleShape), dtype());
    Tensor soft = logits.add(g).div(temperature).softmax(-1);
    if (!hard) {
      return soft;
    }
    Tensor oneHot = Functions.oneHot(soft.argmax(-1), eventShape().dim(0), dtype());
    return Functions.straightThrough(soft, oneHot);
  }

  /**
   * The relaxed density at a point of the open simplex: {@code lgamma(K) + (K - 1) log T
   * + sum_k [l_k - T log y_k - logSumExp_j(l_j - T log y_j)] - sum_k log y_k}.
   */
  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    int k = eventShape().dim(0);
    if (Validation.isEnabled()) {
      Validation.check(family(), "value", value.gt(scalar(value, 0.0)), value, "> 0 (a point of the simplex)");
      Tensor rows = value.sum(new int[] {-1}, false);
      double tol = value.dtype() == DType.FLOAT32 ? 1e-4 : 1e-6;
      Validation.check(family(), "value row sum", rows.sub(1.0).abs().le(scalar(rows, tol)), rows,
          "1 within " + tol + " (a point of the simplex)");
    }
    Tensor logY = value.log();
    Tensor score = logits.sub(logY.mul(temperature));
    Tensor normalized = score.sub(score.logSumExp(-1, true)).sum(-1);
    double logGammaK = lgamma(k);
    Tensor logScale = temperature.log().mul(k - 1).add(logGammaK);
    return normalized.add(logScale).sub(logY.sum(-1));
  }

  private static double lgamma(int k) {
    double s = 0;
    for (int i = 2; i < k; i++) {
      s += Math.log(i);
    }
    return s;
  }

  @Override
  public Tensor mean() {
    throw new UnsupportedOperationException(family() + " has no closed-form mean (PyTorch defines none);"
        + " estimate it from samples");
  }

  @Override
  public Tensor variance() {
    throw new UnsupportedOperationException(family() + " has no closed-form variance (PyTorch defines none);"
        + " estimate it from samples");
  }
}
