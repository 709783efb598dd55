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
 * {@code (p - 0.5)^2} is used instead for the normaliser. The mean and variance use their series in the
 * logit below {@code |l| = 1}, where the closed forms lose digits to cancellation (PyTorch's cut at
 * {@code |l| = 0.004} leaves about 8 % error in the FLOAT32 variance just outside it). Reparameterized
 * through the inverse CDF.
 */
public final class ContinuousBernoulli extends AbstractDistribution {
  private static final double LOW = 0.499;
  private static final double HIGH = 0.501;
  /** Below this |logit| the mean and variance come from their series. */
  private static final double SERIES_LIMIT = 1.0;
  /** Coefficients of l, l^3, ..., l^11 in the mean minus 1/2: B_(2k+2) / (2k+2)!. */
  private static final double[] MEAN_SERIES = {1.0 / 12, -1.0 / 720, 1.0 / 30240, -1.0 / 1209600,
      1.0 / 47900160, -691.0 / 1307674368000.0};
  /** Coefficients of 1, l^2, ..., l^10 in the variance: the derivative of the mean's series. */
  private static final double[] VARIANCE_SERIES = {1.0 / 12, -3.0 / 720, 5.0 / 30240, -7.0 / 1209600,
      9.0 / 47900160, -11 * 691.0 / 1307674368000.0};
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

  /**
   * {@code sigmoid(l) / tanh(l / 2) - 1 / l} for {@code |l| >= 1}; below, where that difference cancels, the
   * series {@code 1/2 + l/12 - l^3/720 + ...} from {@code x / (1 - e^-x) = sum_n B_n x^n / n!} (Bernoulli
   * numbers), through {@code l^11}: accurate to float rounding for every logit.
   */
  @Override
  public Tensor mean() {
    Tensor far = logits.abs().ge(scalar(logits, SERIES_LIMIT));
    Tensor l = far.where(logits, scalar(logits, SERIES_LIMIT));
    Tensor exact = l.sigmoid().div(l.mul(0.5).tanh()).sub(l.reciprocal());
    return far.where(exact, series(near(far), MEAN_SERIES, 1).add(0.5));
  }

  /**
   * {@code 1 / l^2 - sigmoid(l) sigmoid(-l) / tanh(l / 2)^2} for {@code |l| >= 1}, else the derivative of the
   * mean's series, {@code 1/12 - l^2/240 + l^4/6048 - ...} (the variance of an exponential family is the
   * derivative of its mean in the natural parameter).
   */
  @Override
  public Tensor variance() {
    Tensor far = logits.abs().ge(scalar(logits, SERIES_LIMIT));
    Tensor l = far.where(logits, scalar(logits, SERIES_LIMIT));
    Tensor exact = l.square().reciprocal().sub(l.sigmoid().mul(l.neg().sigmoid()).div(l.mul(0.5).tanh().square()));
    return far.where(exact, series(near(far), VARIANCE_SERIES, 0));
  }

  /** The logits where {@code far} is 0, and 0 elsewhere (so the series stays small where it is unused). */
  private Tensor near(Tensor far) {
    return far.where(scalar(logits, 0.0), logits);
  }

  /** {@code sum_k c[k] x^(2k + firstPower)} by Horner's rule in {@code x^2}. */
  private static Tensor series(Tensor x, double[] c, int firstPower) {
    Tensor x2 = x.square();
    Tensor sum = scalar(x, c[c.length - 1]).expand(x.shape());
    for (int k = c.length - 2; k >= 0; k--) {
      sum = sum.mul(x2).add(c[k]);
    }
    return firstPower == 1 ? sum.mul(x) : sum;
  }

  /** {@code -mean * l - log C + softplus(l)}. */
  @Override
  public Tensor entropy() {
    return mean().mul(logits).neg().sub(logNormalizer()).add(logits.softplus());
  }
}
