package org.vae4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.vae4j.api.Tensor;

/** Central finite differences of a scalar function of one leaf tensor, for gradient checks in FLOAT64. */
final class GradientCheck {
  private GradientCheck() {
  }

  /**
   * Compares {@code leaf.grad()} (already computed by the caller's backward pass) with central
   * differences of {@code loss} in each coordinate of {@code leaf}, perturbed through {@code assign}.
   */
  static void assertMatchesFiniteDifferences(String what, Tensor leaf, Supplier<Double> loss, double eps,
      double tolerance) {
    double[] analytic = leaf.grad().toDoubleArray();
    double[] base = leaf.toDoubleArray();
    double[] numeric = new double[base.length];
    for (int i = 0; i < base.length; i++) {
      double[] p = base.clone();
      p[i] = base[i] + eps;
      leaf.assign(leaf.factory().of(p, leaf.shape()));
      double up = loss.get();
      p[i] = base[i] - eps;
      leaf.assign(leaf.factory().of(p, leaf.shape()));
      double down = loss.get();
      numeric[i] = (up - down) / (2 * eps);
    }
    leaf.assign(leaf.factory().of(base, leaf.shape()));
    for (int i = 0; i < base.length; i++) {
      assertThat(analytic[i]).as("%s: d loss / d element %d (numeric %s)", what, i, numeric[i])
          .isCloseTo(numeric[i], org.assertj.core.api.Assertions.within(tolerance * (1 + Math.abs(numeric[i]))));
    }
  }
}
