package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.random.RandomTensors;

/**
 * The continuous Bernoulli distribution on [0, 1] (Loaiza-Ganem and Cunningham 2019), held as logits:
 * density {@code C(l) exp(x l) / (1 + e^l)}, the right likelihood for intensities in [0, 1].
 *
 * <p>Written in logits: with {@code p = sigmoid(l)}, {@code 2p - 1 = tanh(l / 2)} and
 * {@code log p - log(1 - p) = l}, so the log-normaliser is {@code log(l / tanh(l / 2))}. Near
 * {@code p = 0.5} (p in (0.499, 0.501], as PyTorch) that is 0/0, and a Taylor expansion in
 * {@code (p - 0.5)^2} is used instead, for the normaliser, mean and variance. Reparameterized through the
 * inverse CDF.
 */
public final class ContinuousBernoulli extends AbstractDistribution {
  private static final double LOW = 0.499;
  private static final double HIGH = 0.501;
  private final Tensor logits;

  private ContinuousBernoulli(Tensor logits) {
    super(logits.shape(), Shape.scalar());
    this.logits = logits;
  }

  /** From logits, any real values. */
  public static ContinuousBernoulli fromLogits(Tensor logits) {
    Params.broadcast("ContinuousBernoulli", new String[] {"logits"}, logits);
    return new ContinuousBernoulli(logits);
  }

  /** From probabilities in [0, 1], clamped to {@code [eps, 1 - eps]}. */
  public static ContinuousBernoulli fromProbs(Tensor probs) {
    Params.broadcast("ContinuousBernoulli", new String[] {"probs"}, probs);
    Validation.unitInterval("ContinuousBernoulli", "probs", probs);
    return new ContinuousBernoulli(Probabilities.toLogits(probs));
  }

  /** The logits. */
  public Tensor logits() {
    return logits;
  }

  /** The shape parameter {@code sigmoid(logits)} (not the mean). */
  public Tensor probs() {
    return logits.sigmoid();
  }

  @Override
  public DType dtype() {
    return logits.dtype();
  }

  /** 1 where p is outside the Taylor region (0.499, 0.501]. */
  private Tensor outside() {
    Tensor p = probs();
    return p.le(scalar(p, LOW)).add(p.gt(scalar(p, HIGH)));
  }

  /** The logits, replaced inside the Taylor region by logit(0.499) so the exact formulas stay finite. */
  private Tensor cutLogits(Tensor outside) {
    return outside.where(logits, scalar(logits, Math.log(LOW / (1 - LOW))));
  }

  /** {@code log C}: {@code log(l / tanh(l / 2))} outside the Taylor region. */
  public Tensor logNormalizer() {
    Tensor out = outside();
    Tensor l = cutLogits(out);
    Tensor exact = l.div(l.mul(0.5).tanh()).log();
    Tensor x = probs().sub(0.5).square();
    Tensor taylor = x.mul(104.0 / 45.0).add(4.0 / 3.0).mul(x).add(Math.log(2.0));
    return out.where(exact, taylor);
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  /** The inverse CDF at uniform u: {@code (log(sigmoid(-l) + u tanh(l / 2)) + softplus(l)) / l}. */
  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    Tensor u = RandomTensors.uniform(logits.factory(), rng, extendedShape(sampleShape), dtype());
    Tensor out = outside();
    Tensor l = cutLogits(out);
    Tensor exact = l.neg().sigmoid().add(u.mul(l.mul(0.5).tanh())).log().add(l.softplus()).div(l);
    return out.where(exact, u);
  }

  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    if (Validation.isEnabled()) {
      Validation.check(family(), "value", value.ge(scalar(value, 0.0)).mul(value.le(scalar(value, 1.0))), value,
          "in [0, 1]");
    }
    return value.mul(logits).sub(logits.softplus()).add(logNormalizer());
  }

  /** {@code sigmoid(l) / tanh(l / 2) - 1 / l} outside the Taylor region. */
  @Override
  public Tensor mean() {
    Tensor out = outside();
    Tensor l = cutLogits(out);
    Tensor exact = l.sigmoid().div(l.mul(0.5).tanh()).sub(l.reciprocal());
    Tensor x = probs().sub(0.5);
    Tensor taylor = x.square().mul(16.0 / 45.0).add(1.0 / 3.0).mul(x).add(0.5);
    return out.where(exact, taylor);
  }

  /** {@code 1 / l^2 - sigmoid(l) sigmoid(-l) / tanh(l / 2)^2} outside the Taylor region. */
  @Override
  public Tensor variance() {
    Tensor out = outside();
    Tensor l = cutLogits(out);
    Tensor exact = l.square().reciprocal().sub(l.sigmoid().mul(l.neg().sigmoid()).div(l.mul(0.5).tanh().square()));
    Tensor x = probs().sub(0.5).square();
    Tensor taylor = x.mul(128.0 / 945.0).rsub(1.0 / 15.0).mul(x).rsub(1.0 / 12.0);
    return out.where(exact, taylor);
  }

  /** {@code -mean * l - log C + softplus(l)}. */
  @Override
  public Tensor entropy() {
    return mean().mul(logits).neg().sub(logNormalizer()).add(logits.softplus());
  }
}
