package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.random.RandomTensors;

/**
 * The Bernoulli distribution over {0, 1}, held as logits. Every quantity is computed from the logits
 * ({@code logProb = x * l - softplus(l)}), so it stays finite and exact at {@code |l| = 100}. Not
 * reparameterizable.
 *
 * <p>{@code logProb} accepts values in [0, 1], not only {0, 1}: for a grey level x it is minus the binary
 * cross-entropy, which is how VAEs are commonly trained on grey-level images (PyTorch computes the same
 * without validation, but rejects such values with it). That is not a normalised log-density on [0, 1];
 * {@link ContinuousBernoulli} is. Values outside [0, 1] are rejected while validation is on.
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
      Validation.check(family(), "value", value.ge(scalar(value, 0.0)).mul(value.le(scalar(value, 1.0))), value,
          "in [0, 1]");
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
