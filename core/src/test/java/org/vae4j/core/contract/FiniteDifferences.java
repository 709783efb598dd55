package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.random.PhiloxStream;

/**
 * Checks reverse-mode gradients against central finite differences in FLOAT64. The scalar being
 * differentiated is {@code sum(f(inputs) * w)} for a fixed random {@code w}, so every output element
 * contributes with its own weight.
 */
final class FiniteDifferences {
  private static final double STEP = 1e-6;

  private FiniteDifferences() {
  }

  /**
   * Asserts that the gradient of {@code f} with respect to each input equals the finite-difference estimate.
   *
   * @param what   a name for failure messages
   * @param inputs FLOAT64 leaves; each one is checked
   */
  static void check(String what, TensorFactory factory, Function<Tensor[], Tensor> f, double[][] values,
      Shape[] shapes) {
    Tensor[] leaves = new Tensor[values.length];
    for (int i = 0; i < values.length; i++) {
      leaves[i] = factory.of(values[i], shapes[i]).requireGrad();
    }
    Tensor out = f.apply(leaves);
    double[] w = PhiloxStream.seeded(99).normalDoubles((int) out.size());
    Tensor weights = factory.of(w, out.shape());
    out.mul(weights).sum().backward();
    for (int i = 0; i < values.length; i++) {
      assertThat(leaves[i].grad()).as("%s: gradient of input %d", what, i).isNotNull();
      double[] analytic = leaves[i].grad().toDoubleArray();
      for (int j = 0; j < values[i].length; j++) {
        double numeric = (evaluate(factory, f, values, shapes, i, j, STEP, w)
            - evaluate(factory, f, values, shapes, i, j, -STEP, w)) / (2 * STEP);
        double tolerance = 1e-5 * Math.max(1.0, Math.abs(numeric));
        assertThat(analytic[j]).as("%s: d/d input %d element %d", what, i, j).isCloseTo(numeric, within(tolerance));
      }
    }
  }

  /**
   * {@link #check} for inputs that are vectors {@code (n_i)}, inside a scope of its own (which closes
   * everything the check made).
   */
  static void checkVectors(String what, TensorFactory factory, Function<Tensor[], Tensor> f, double[]... values) {
    Shape[] shapes = new Shape[values.length];
    for (int i = 0; i < values.length; i++) {
      shapes[i] = Shape.of(values[i].length);
    }
    try (Scope s = Scope.open()) {
      check(what, factory, f, values, shapes);
    }
  }

  private static double evaluate(TensorFactory factory, Function<Tensor[], Tensor> f, double[][] values,
      Shape[] shapes, int input, int element, double delta, double[] w) {
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor[] xs = new Tensor[values.length];
      for (int i = 0; i < values.length; i++) {
        double[] v = values[i].clone();
        if (i == input) {
          v[element] += delta;
        }
        xs[i] = factory.of(v, shapes[i]);
      }
      double[] out = f.apply(xs).toDoubleArray();
      double s = 0;
      for (int k = 0; k < out.length; k++) {
        s += out[k] * w[k];
      }
      return s;
    }
  }
}
