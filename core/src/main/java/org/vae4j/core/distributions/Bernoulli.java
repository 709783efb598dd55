package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.random.RandomTensors;

/**
 * The Bernoulli distribution over {0, 1}, held as logits. Every quantity is computed from the logits
 * ({@code logProb = x * l - softplus(l)}), so it stays finite and exact at {@code |l| = 100}. Support is
 * {0, 1}: {@code logProb} of any other value is rejected while validation is on (binarize the data or use
 * {@link ContinuousBernoulli} for intensities in [0, 1]). Not reparameterizable.
 */
public final class Bernoulli extends AbstractDistribution {
  private final Tensor logits;

  private Bernoulli(Tensor logits) {
    super(logits.shape(), Shape.scalar());
    this.logits = logits;
  }

  /** Bernoulli with {@code p = sigmoid(logits)}; any real logits. */
  public static Bernoulli fromLogits(Tensor logits) {
    Params.broadcast("Bernoulli", new String[] {"logits"}, logits);
    return new Bernoulli(logits);
  }

  /**
   * Bernoulli with the given probabilities in [0, 1]; they are clamped to {@code [eps, 1 - eps]} (eps the
   * dtype's machine epsilon) before taking logits, as PyTorch does.
   */
  public static Bernoulli fromProbs(Tensor probs) {
    Params.broadcast("Bernoulli", new String[] {"probs"}, probs);
    Validation.unitInterval("Bernoulli", "probs", probs);
    return new Bernoulli(Probabilities.toLogits(probs));
  }

  /** The logits, of the batch shape. */
  public Tensor logits() {
    return logits;
  }

  /** {@code sigmoid(logits)}. */
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
      Tensor u = RandomTensors.uniform(logits.factory(), rng, extendedShape(sampleShape), dtype());
      return u.lt(probs());
    }
  }

  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    if (Validation.isEnabled()) {
      Validation.check(family(), "value", value.eq(scalar(value, 0.0)).add(value.eq(scalar(value, 1.0))), value,
          "0 or 1 (binarize the data, use ContinuousBernoulli for values in [0, 1], or turn validation off with"
              + " Validation.setEnabled(false))");
    }
    return value.mul(logits).sub(logits.softplus());
  }

  @Override
  public Tensor mean() {
    return probs();
  }

  @Override
  public Tensor variance() {
    return logits.sigmoid().mul(logits.neg().sigmoid());
  }

  @Override
  public Tensor entropy() {
    return logits.softplus().sub(logits.mul(logits.sigmoid()));
  }
}
