package org.vae4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.contract.BackendTestSupport;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.random.RandomTensors;

/**
 * Layers on one backend: output shapes and values, PyTorch parameter names, parameter ownership, and
 * gradients of Linear, Conv2d and ConvTranspose2d against central finite differences in FLOAT64. Run it
 * with a one-line subclass per backend.
 */
public abstract class LayerContract extends BackendTestSupport {
  private static final double EPS = 1e-6;
  private static final double TOL = 1e-6;

  private ParameterFactory params64(long seed) {
    assumeFloat64();
    return new ParameterFactory(f(), DType.FLOAT64, PhiloxStream.seeded(seed));
  }

  private Tensor randn64(long seed, int... shape) {
    return RandomTensors.normal(f(), PhiloxStream.seeded(seed), Shape.of(shape), DType.FLOAT64);
  }

  /** {@code sum(layer(x) * r)} for a fixed random r, so every output element gets a distinct weight. */
  private static double probe(Layer layer, Tensor x, Tensor r) {
    try (Scope s = Scope.open(); NoGrad ng = NoGrad.enter()) {
      return layer.forward(x).mul(r).sum().item();
    }
  }

  private void checkGradients(String name, Layer layer, Tensor x, int... outShape) {
    Tensor r = randn64(77, outShape);
    Tensor y = layer.forward(x);
    assertThat(y.shape()).as("%s output shape", name).isEqualTo(Shape.of(outShape));
    y.mul(r).sum().backward();
    GradientCheck.assertMatchesFiniteDifferences(name + " input", x, () -> probe(layer, x, r), EPS, TOL);
    for (var p : layer.namedParameters().entrySet()) {
      GradientCheck.assertMatchesFiniteDifferences(name + " " + p.getKey(), p.getValue(),
          () -> probe(layer, x, r), EPS, TOL);
    }
  }

  @Test
  void linearMatchesItsFormula() {
    try (Linear l = new Linear(3, 2, ParameterFactory.of(f(), PhiloxStream.seeded(1)))) {
      Tensor x = f32(new double[] {1, 2, 3, -1, 0, 0.5}, 2, 3);
      float[] w = l.weight().toFloatArray();
      float[] b = l.bias().toFloatArray();
      float[] y = l.forward(x).toFloatArray();
      double[] xs = {1, 2, 3, -1, 0, 0.5};
      for (int n = 0; n < 2; n++) {
        for (int o = 0; o < 2; o++) {
          double expected = b[o];
          for (int i = 0; i < 3; i++) {
            expected += xs[3 * n + i] * w[3 * o + i];
          }
          assertThat((double) y[2 * n + o]).isCloseTo(expected, within(1e-5));
        }
      }
      assertThat(l.weight().dtype()).isEqualTo(DType.FLOAT32);
      assertThat(l.weight().requiresGrad()).isTrue();
    }
  }

  @Test
  void linearGradientsMatchFiniteDifferences() {
    try (Linear l = new Linear(4, 3, params64(2))) {
      Tensor x = randn64(3, 2, 4).requireGrad();
      checkGradients("Linear", l, x, 2, 3);
    }
  }

  @Test
  void conv2dGradientsMatchFiniteDifferences() {
    try (Conv2d c = new Conv2d(2, 3, 3, 3, new Conv2dSpec(2, 1, 1, 0, 1, 1), Inits.pytorchDefault(),
        Inits.uniform(0.5), params64(4))) {
      Tensor x = randn64(5, 2, 2, 5, 4).requireGrad();
      // H: (5 + 2 - 3) / 2 + 1 = 3; W: (4 - 3) / 1 + 1 = 2
      checkGradients("Conv2d", c, x, 2, 3, 3, 2);
    }
  }

  @Test
  void convTranspose2dGradientsMatchFiniteDifferences() {
    try (ConvTranspose2d c = new ConvTranspose2d(2, 3, 3, 3, Conv2dSpec.of(2, 1), 1, 1, Inits.pytorchDefault(),
        Inits.uniform(0.5), params64(6))) {
      Tensor x = randn64(7, 1, 2, 3, 2).requireGrad();
      // (3 - 1) * 2 - 2 + 2 + 1 + 1 = 6 and (2 - 1) * 2 - 2 + 2 + 1 + 1 = 4
      checkGradients("ConvTranspose2d", c, x, 1, 3, 6, 4);
    }
  }

  @Test
  void convTranspose2dWithStrideEqualToKernelTilesScaledKernels() {
    try (ConvTranspose2d c = new ConvTranspose2d(1, 1, 2, 2, Conv2dSpec.of(2, 0), 0, 0, Inits.zeros(), null,
        params64(20))) {
      c.weight().assign(f64(new double[] {1, 2, 3, 4}, 1, 1, 2, 2));
      double[] y = c.forward(f64(new double[] {1, 10, 100, 1000}, 1, 1, 2, 2)).toDoubleArray();
      assertThat(y).containsExactly(
          1, 2, 10, 20,
          3, 4, 30, 40,
          100, 200, 1000, 2000,
          300, 400, 3000, 4000);
    }
  }

  @Test
  void convLayersKeepPytorchShapesOnMnistSizes() {
    ParameterFactory p = ParameterFactory.of(f(), PhiloxStream.seeded(8));
    try (Conv2d down = new Conv2d(1, 4, 4, 2, 1, p);
        ConvTranspose2d up = new ConvTranspose2d(4, 1, 4, 2, 1, 0, p);
        Scope s = Scope.open()) {
      Tensor x = RandomTensors.uniform(f(), PhiloxStream.seeded(9), Shape.of(2, 1, 28, 28), DType.FLOAT32);
      Tensor h = down.forward(x);
      assertThat(h.shape()).isEqualTo(Shape.of(2, 4, 14, 14));
      assertThat(up.forward(h).shape()).isEqualTo(Shape.of(2, 1, 28, 28));
      assertThat(up.weight().shape()).isEqualTo(Shape.of(4, 1, 4, 4));
    }
  }

  @Test
  void sequentialNamesChildrenLikePytorch() {
    ParameterFactory p = ParameterFactory.of(f(), PhiloxStream.seeded(10));
    try (Sequential net = new Sequential(new Linear(6, 5, p), Activation.relu(), new Linear(5, 2, p))) {
      assertThat(net.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
      assertThat(net.parameterCount()).isEqualTo(6 * 5 + 5 + 5 * 2 + 2);
      try (Scope s = Scope.open()) {
        Tensor y = net.forward(f().zeros(Shape.of(3, 6), DType.FLOAT32));
        assertThat(y.shape()).isEqualTo(Shape.of(3, 2));
      }
    }
  }

  @Test
  void sameSeedGivesSameWeightsAndDifferentSeedsDiffer() {
    try (Linear a = new Linear(8, 4, ParameterFactory.of(f(), PhiloxStream.seeded(11)));
        Linear b = new Linear(8, 4, ParameterFactory.of(f(), PhiloxStream.seeded(11)));
        Linear c = new Linear(8, 4, ParameterFactory.of(f(), PhiloxStream.seeded(12)))) {
      assertThat(a.weight().toFloatArray()).containsExactly(b.weight().toFloatArray());
      assertThat(a.weight().toFloatArray()).isNotEqualTo(c.weight().toFloatArray());
      double bound = 1 / Math.sqrt(8);
      for (float v : a.bias().toFloatArray()) {
        assertThat(Math.abs(v)).isLessThanOrEqualTo((float) bound);
      }
    }
  }

  @Test
  void parametersMadeInsideAScopeOutliveIt() {
    Linear l;
    try (Scope s = Scope.open()) {
      l = new Linear(2, 2, ParameterFactory.of(f(), PhiloxStream.seeded(13)));
    }
    assertThat(l.weight().isClosed()).isFalse();
    l.close();
    assertThat(l.weight().isClosed()).isTrue();
    assertThat(l.bias().isClosed()).isTrue();
  }

  @Test
  void buffersAreNamedLikeParametersOwnedAndClosed() {
    final class Normalizer extends ModuleBase implements Layer {
      private final Tensor mean;

      Normalizer(Tensor mean) {
        this.mean = registerBuffer("running_mean", mean);
      }

      @Override
      public Tensor forward(Tensor x) {
        return x.sub(mean);
      }
    }
    ParameterFactory p = ParameterFactory.of(f(), PhiloxStream.seeded(21));
    Sequential net;
    try (Scope s = Scope.open()) {
      net = new Sequential(new Linear(2, 2, p), new Normalizer(f32(new double[] {1, 2}, 2)));
    }
    Tensor buffer = net.namedBuffers().get("1.running_mean");
    assertThat(net.namedBuffers().keySet()).containsExactly("1.running_mean");
    assertThat(net.namedParameters().keySet()).containsExactly("0.weight", "0.bias");
    assertThat(buffer.isClosed()).as("a buffer made inside a scope outlives it").isFalse();
    net.close();
    assertThat(buffer.isClosed()).isTrue();
    assertThatThrownBy(() -> new Normalizer(f32(new double[] {1}, 1).requireGrad()))
        .hasMessageContaining("running_mean");
  }

  @Test
  void eluAndLeakyReluValuesAndGradients() {
    Tensor x = f64(new double[] {-2, -0.5, 0.5, 800}, 4).requireGrad();
    Tensor elu = Activation.elu(1.5).forward(x);
    assertThat(elu.toDoubleArray()).containsExactly(new double[] {1.5 * Math.expm1(-2), 1.5 * Math.expm1(-0.5),
        0.5, 800}, within(1e-12));
    elu.sum().backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(new double[] {1.5 * Math.exp(-2), 1.5 * Math.exp(-0.5),
        1, 1}, within(1e-12));
    x.zeroGrad();
    Tensor leaky = Activation.leakyRelu(0.1).forward(x);
    assertThat(leaky.toDoubleArray()).containsExactly(new double[] {-0.2, -0.05, 0.5, 800}, within(1e-12));
    leaky.sum().backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(new double[] {0.1, 0.1, 1, 1}, within(1e-12));
  }

  @Test
  void otherActivationsMatchTheirFunctions() {
    Tensor x = f64(new double[] {-3, 0, 2}, 3);
    assertThat(Activation.relu().forward(x).toDoubleArray()).containsExactly(0, 0, 2);
    assertThat(Activation.tanh().forward(x).toDoubleArray())
        .containsExactly(new double[] {Math.tanh(-3), 0, Math.tanh(2)}, within(1e-12));
    assertThat(Activation.sigmoid().forward(x).toDoubleArray())
        .containsExactly(new double[] {1 / (1 + Math.exp(3)), 0.5, 1 / (1 + Math.exp(-2))}, within(1e-12));
    assertThat(Activation.softplus().forward(x).toDoubleArray())
        .containsExactly(new double[] {Math.log1p(Math.exp(-3)), Math.log(2), Math.log1p(Math.exp(2))},
            within(1e-12));
  }

  @Test
  void residualBlockAddsItsInputAndNamesItsBody() {
    try (ResidualBlock r = new ResidualBlock(new Sequential(new Linear(3, 3, params64(14)), Activation.tanh()))) {
      assertThat(r.namedParameters().keySet()).containsExactly("body.0.weight", "body.0.bias");
      Tensor x = randn64(15, 2, 3);
      double[] expected = x.add(r.body().forward(x)).toDoubleArray();
      assertThat(r.forward(x).toDoubleArray()).containsExactly(expected, within(1e-12));
    }
    try (ResidualBlock bad = new ResidualBlock(new Linear(3, 2, params64(16)))) {
      assertThatThrownBy(() -> bad.forward(randn64(17, 2, 3))).hasMessageContaining("(2, 3)")
          .hasMessageContaining("(2, 2)");
    }
  }

  @Test
  void flattenReshapeAndEmbedding() {
    Tensor x = f32(new double[24], 2, 3, 4);
    assertThat(new Flatten().forward(x).shape()).isEqualTo(Shape.of(2, 12));
    assertThat(new Reshape(4, 3).forward(x).shape()).isEqualTo(Shape.of(2, 4, 3));
    assertThatThrownBy(() -> new Reshape(5).forward(x)).hasMessageContaining("(2, 3, 4)");
    try (Embedding e = new Embedding(5, 3, params64(18))) {
      double[] w = e.weight().toDoubleArray();
      Tensor rows = e.forward(i32(new int[] {4, 0, 4}, 3));
      assertThat(rows.shape()).isEqualTo(Shape.of(3, 3));
      assertThat(rows.toDoubleArray()).containsExactly(w[12], w[13], w[14], w[0], w[1], w[2], w[12], w[13], w[14]);
      assertThat(e.namedParameters().keySet()).containsExactly("weight");
    }
  }

  @Test
  void layersRejectMisfitInputsNamingShapes() {
    ParameterFactory p = ParameterFactory.of(f(), PhiloxStream.seeded(19));
    try (Conv2d c = new Conv2d(3, 2, 3, 1, 0, p); Linear l = new Linear(4, 2, p)) {
      assertThatThrownBy(() -> c.forward(f32(new double[16], 1, 1, 4, 4))).hasMessageContaining("(1, 1, 4, 4)");
      assertThatThrownBy(() -> l.forward(f32(new double[3], 1, 3))).hasMessageContaining("(1, 3)");
    }
    assertThatThrownBy(() -> new ConvTranspose2d(1, 1, 3, 2, 0, 2, p)).hasMessageContaining("output padding");
    assertThat(List.of(Activation.relu().namedParameters(), new Flatten().namedParameters())).allMatch(
        java.util.Map::isEmpty);
  }
}
