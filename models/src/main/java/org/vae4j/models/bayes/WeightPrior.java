package org.vae4j.models.bayes;

import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.distributions.Categorical;
import org.vae4j.core.distributions.MixtureSameFamily;
import org.vae4j.core.distributions.Normal;

/**
 * A factorized prior over network weights, the same for every weight: its {@link #distribution} has an
 * empty batch and event shape, so its log-density applies elementwise to a weight tensor of any shape.
 * The Normal prior has a closed-form KL from a Normal posterior (through core's KL registry); the scale
 * mixture does not, and Bayes by Backprop then uses the Monte Carlo estimate at the sampled weights.
 */
public sealed interface WeightPrior {

  /** The prior as a core distribution with scalar batch and event, on {@code f} in {@code dtype}. */
  Distribution distribution(TensorFactory f, DType dtype);

  /** N(0, sigma^2) for every weight. */
  static WeightPrior normal(double sigma) {
    return new Gaussian(sigma);
  }

  /** Blundell et al.'s {@code pi N(0, sigma1^2) + (1 - pi) N(0, sigma2^2)}. */
  static WeightPrior scaleMixture(double pi, double sigma1, double sigma2) {
    return new ScaleMixture(pi, sigma1, sigma2);
  }

  /** The Normal prior N(0, sigma^2). */
  record Gaussian(double sigma) implements WeightPrior {
    public Gaussian {
      if (!(sigma > 0) || Double.isInfinite(sigma)) {
        throw new IllegalArgumentException("WeightPrior.normal: sigma must be positive and finite, got " + sigma);
      }
    }

    @Override
    public Distribution distribution(TensorFactory f, DType dtype) {
      return new Normal(f.scalar(0.0, dtype), sigma);
    }

    @Override
    public String toString() {
      return "normal(" + sigma + ")";
    }
  }

  /** The scale mixture of two zero-mean Normals. */
  record ScaleMixture(double pi, double sigma1, double sigma2) implements WeightPrior {
    public ScaleMixture {
      if (!(pi > 0 && pi < 1) || !(sigma1 > 0) || !(sigma2 > 0)) {
        throw new IllegalArgumentException("WeightPrior.scaleMixture: need 0 < pi < 1 and positive sigmas, got pi "
            + pi + ", sigma1 " + sigma1 + ", sigma2 " + sigma2);
      }
    }

    @Override
    public Distribution distribution(TensorFactory f, DType dtype) {
      Categorical weights = Categorical.fromProbs(f.of(new double[] {pi, 1 - pi}, Shape.of(2), dtype));
      Normal components = new Normal(f.zeros(Shape.of(2), dtype), f.of(new double[] {sigma1, sigma2}, Shape.of(2),
          dtype));
      return new MixtureSameFamily(weights, components);
    }

    @Override
    public String toString() {
      return "mixture(" + pi + ", " + sigma1 + ", " + sigma2 + ")";
    }
  }
}
