package org.vae4j.models;

import java.util.Locale;
import org.vae4j.api.Distribution;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.ContinuousBernoulli;
import org.vae4j.core.distributions.Independent;
import org.vae4j.core.distributions.Normal;

/**
 * How a decoder's output becomes p(x|z), an {@link Independent} distribution over the data shape D.
 *
 * <p>The decoder emits {@link #parametersPerElement()} values per data element, stacked along the first
 * data axis: for D = (784) an output {@code (..., 784)} or {@code (..., 2 * 784)}; for D = (1, 28, 28) an
 * output {@code (..., 1, 28, 28)} or {@code (..., 2, 28, 28)}. Immutable.
 */
public final class Likelihood {
  /** The families offered. */
  public enum Family {
    /**
     * Bernoulli with logits; intensities in [0, 1] are scored by binary cross-entropy, as in
     * pytorch/examples (exact log-mass for binary data, not a normalized density otherwise).
     */
    BERNOULLI,
    /** Normal with a fixed standard deviation. */
    GAUSSIAN_FIXED,
    /** Normal whose log-variance the decoder emits along with the mean (AEVB's Gaussian MLP). */
    GAUSSIAN_LEARNED,
    /** Loaiza-Ganem and Cunningham's continuous Bernoulli with logits, a proper density on [0, 1]. */
    CONTINUOUS_BERNOULLI
  }

  private final Family family;
  private final double scale;

  private Likelihood(Family family, double scale) {
    this.family = family;
    this.scale = scale;
  }

  /** Bernoulli logits, the default for MNIST-like data. */
  public static Likelihood bernoulli() {
    return new Likelihood(Family.BERNOULLI, Double.NaN);
  }

  /** Normal with mean from the decoder and fixed standard deviation {@code scale > 0}. */
  public static Likelihood gaussian(double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("Likelihood.gaussian: scale must be positive and finite, got " + scale);
    }
    return new Likelihood(Family.GAUSSIAN_FIXED, scale);
  }

  /** Normal with mean and log-variance from the decoder (two values per element). */
  public static Likelihood gaussianLearnedVariance() {
    return new Likelihood(Family.GAUSSIAN_LEARNED, Double.NaN);
  }

  /** Continuous Bernoulli logits. */
  public static Likelihood continuousBernoulli() {
    return new Likelihood(Family.CONTINUOUS_BERNOULLI, Double.NaN);
  }

  /** Parses {@code bernoulli}, {@code gaussian} (learned variance), {@code gaussian:0.1} or {@code cb}. */
  public static Likelihood parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("bernoulli")) {
      return bernoulli();
    }
    if (t.equals("gaussian")) {
      return gaussianLearnedVariance();
    }
    if (t.startsWith("gaussian:")) {
      try {
        return gaussian(Double.parseDouble(t.substring("gaussian:".length())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("likelihood '" + text + "': the scale after 'gaussian:' must be a"
            + " number, e.g. gaussian:0.1", e);
      }
    }
    if (t.equals("cb") || t.equals("continuous-bernoulli")) {
      return continuousBernoulli();
    }
    throw new IllegalArgumentException("likelihood '" + text
        + "' is not one of: bernoulli, gaussian (learned variance), gaussian:SCALE, cb");
  }

  /** The family. */
  public Family family() {
    return family;
  }

  /** Decoder values per data element: 2 for {@link Family#GAUSSIAN_LEARNED}, else 1. */
  public int parametersPerElement() {
    return family == Family.GAUSSIAN_LEARNED ? 2 : 1;
  }

  /** The decoder's output shape per item for data shape D: D with its first axis multiplied. */
  public Shape outputShape(Shape dataShape) {
    int[] d = dataShape.dims();
    d[0] *= parametersPerElement();
    return Shape.of(d);
  }

  /**
   * p(x|z) from a decoder output {@code S ++ outputShape(D)}: batch S, event D.
   *
   * @throws IllegalArgumentException when the output does not end with {@link #outputShape}
   */
  public Distribution distribution(Tensor output, Shape dataShape) {
    Shape expected = outputShape(dataShape);
    if (!output.shape().endsWith(expected)) {
      throw new IllegalArgumentException("Likelihood " + this + ": decoder output " + output.shape()
          + " must end with " + expected + " for data shape " + dataShape);
    }
    int events = dataShape.rank();
    return switch (family) {
      case BERNOULLI -> new Independent(Bernoulli.fromLogits(output), events);
      case CONTINUOUS_BERNOULLI -> new Independent(ContinuousBernoulli.fromLogits(output), events);
      case GAUSSIAN_FIXED -> new Independent(new Normal(output, scale), events);
      case GAUSSIAN_LEARNED -> {
        int axis = output.rank() - events;
        int d0 = dataShape.dim(0);
        Tensor loc = output.slice(axis, 0, d0);
        Tensor logVar = output.slice(axis, d0, 2 * d0);
        yield new Independent(new Normal(loc, logVar.mul(0.5).exp()), events);
      }
    };
  }

  @Override
  public String toString() {
    return switch (family) {
      case BERNOULLI -> "bernoulli";
      case GAUSSIAN_FIXED -> "gaussian:" + scale;
      case GAUSSIAN_LEARNED -> "gaussian";
      case CONTINUOUS_BERNOULLI -> "cb";
    };
  }
}
