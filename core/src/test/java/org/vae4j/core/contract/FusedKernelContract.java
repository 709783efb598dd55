package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.AdamStep;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Capability;
import org.vae4j.core.Functions;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.Primitives;
import org.vae4j.api.spi.StructuralOp;
import org.vae4j.core.autodiff.TapeTensor;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.random.PhiloxStream;

/**
 * The optional fused kernels against core's own composition of primitives, on the backend under test:
 * each test skips unless the backend announces the capability. Also: the kernels announce no capability
 * their backend does not.
 */
public abstract class FusedKernelContract extends BackendTestSupport {
  private Scope scope;

  @BeforeEach
  void openScope() {
    scope = Scope.open();
  }

  @AfterEach
  void closeScope() {
    scope.close();
  }

  private Tensor random(long seed, DType dtype, double low, double high, int... shape) {
    if (dtype == DType.FLOAT64) {
      assumeFloat64();
    }
    double[] u = PhiloxStream.seeded(seed).uniformDoubles((int) Shape.of(shape).size());
    for (int i = 0; i < u.length; i++) {
      u[i] = low + (high - low) * u[i];
    }
    return f().of(u, Shape.of(shape), dtype);
  }

  private static double tolerance(DType dtype) {
    return dtype == DType.FLOAT32 ? 2e-5 : 1e-12;
  }

  private static void assertClose(Tensor actual, Tensor expected, double relative) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    double[] a = actual.toDoubleArray();
    double[] e = expected.toDoubleArray();
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(relative * Math.max(1, Math.abs(e[i]))));
    }
  }

  @Test
  void kernelsAnnounceOnlyTheirBackendsCapabilities() {
    assertThat(capabilities()).containsAll(kernels().capabilities());
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void fusedLinearEqualsMatmulPlusBias(DType dtype) {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_LINEAR), "no FUSED_LINEAR");
    Tensor x = random(1, dtype, -2, 2, 37, 45);
    Tensor w = random(2, dtype, -1, 1, 19, 45);
    Tensor b = random(3, dtype, -1, 1, 19);
    Tensor composed = Primitives.matmul(x, w, false, true).add(b);
    Tensor fused = TapeTensor.constant(kernels(), kernels().linear(TapeTensor.of(x).buffer(),
        TapeTensor.of(w).buffer(), TapeTensor.of(b).buffer()));
    assertClose(fused, composed, 10 * tolerance(dtype));
    Tensor noBias = TapeTensor.constant(kernels(), kernels().linear(TapeTensor.of(x).buffer(),
        TapeTensor.of(w).buffer(), null));
    assertClose(noBias, Primitives.matmul(x, w, false, true), 10 * tolerance(dtype));
  }

  @Test
  void functionsLinearRecordsOneFusedNodeWithTheComposedGradients() {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_LINEAR), "no FUSED_LINEAR");
    Tensor x = random(4, DType.FLOAT32, -1, 1, 8, 5).requireGrad();
    Tensor w = random(5, DType.FLOAT32, -1, 1, 3, 5).requireGrad();
    Tensor b = random(6, DType.FLOAT32, -1, 1, 3).requireGrad();
    Tensor y = Functions.linear(x, w, b);
    assertThat(TapeTensor.of(y).node().op()).isEqualTo(StructuralOp.LINEAR);
    Tensor weights = random(7, DType.FLOAT32, -1, 1, 8, 3);
    y.mul(weights).sum().backward();
    Tensor gx = x.grad().detach();
    Tensor gw = w.grad().detach();
    Tensor gb = b.grad().detach();
    for (Tensor t : new Tensor[] {x, w, b}) {
      t.zeroGrad();
    }
    Primitives.matmul(x, w, false, true).add(b).mul(weights).sum().backward();
    assertClose(gx, x.grad(), 1e-5);
    assertClose(gw, w.grad(), 1e-5);
    assertClose(gb, b.grad(), 1e-5);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void fusedBceWithLogitsEqualsSoftplusMinusProduct(DType dtype) {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_BCE_WITH_LOGITS), "no FUSED_BCE_WITH_LOGITS");
    Tensor l = random(12, dtype, -30, 30, 50, 40);
    Tensor t = random(13, dtype, 0, 1, 50, 40);
    Tensor fused = TapeTensor.constant(kernels(), kernels().bceWithLogits(buffer(l), buffer(t)));
    assertClose(fused, l.softplus().sub(l.mul(t)), 10 * tolerance(dtype));
    Tensor extreme = f().of(new double[] {-100, -20, 0, 20, 100}, Shape.of(5), dtype);
    Tensor half = f().full(Shape.of(5), 0.5, dtype);
    assertClose(TapeTensor.constant(kernels(), kernels().bceWithLogits(buffer(extreme), buffer(half))),
        extreme.softplus().sub(extreme.mul(half)), 10 * tolerance(dtype));
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void bceWithLogitsGradientIsTheComposedSigmoidDifferenceAndProductBitForBit(DType dtype) {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_BCE_WITH_LOGITS), "no FUSED_BCE_WITH_LOGITS");
    Tensor g = random(16, dtype, -2, 2, 41, 53);
    Tensor l = random(17, dtype, -120, 120, 41, 53);
    Tensor t = random(18, dtype, 0, 1, 41, 53);
    Tensor fused = TapeTensor.constant(kernels(), kernels().bceWithLogitsGradient(buffer(g), buffer(l), buffer(t)));
    assertThat(fused.toDoubleArray()).containsExactly(g.mul(l.sigmoid().sub(t)).toDoubleArray());
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void fusedLogSoftmaxEqualsTheComposition(DType dtype) {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_LOG_SOFTMAX), "no FUSED_LOG_SOFTMAX");
    for (int[] shape : new int[][] {{1}, {7}, {300, 64}, {3, 5, 7, 33}}) {
      Tensor x = random(20, dtype, -30, 30, shape);
      Tensor fused = TapeTensor.constant(kernels(), kernels().logSoftmax(buffer(x)));
      assertClose(fused, x.sub(x.logSumExp(-1, true)), 10 * tolerance(dtype) * 30);
    }
    Tensor edges = f().of(new double[] {Double.NEGATIVE_INFINITY, 0, 1, 100, 99, Double.NEGATIVE_INFINITY},
        Shape.of(2, 3), dtype);
    assertThat(TapeTensor.constant(kernels(), kernels().logSoftmax(buffer(edges))).toDoubleArray())
        .as("a -inf logit has log-probability -inf; exp(100) overflows float, the shifted row does not")
        .containsExactly(new double[] {Double.NEGATIVE_INFINITY, Math.log(1 / (1 + Math.E)), -Math.log1p(1 / Math.E),
            -Math.log1p(1 / Math.E), -1 - Math.log1p(1 / Math.E), Double.NEGATIVE_INFINITY},
            within(10 * tolerance(dtype)));
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void logSoftmaxGradientIsGradMinusSoftmaxTimesTheRowSum(DType dtype) {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_LOG_SOFTMAX), "no FUSED_LOG_SOFTMAX");
    Tensor g = random(21, dtype, -2, 2, 130, 64);
    Tensor y = random(22, dtype, -5, 5, 130, 64).logSumExp(-1, true).neg().add(random(22, dtype, -5, 5, 130, 64));
    Tensor fused = TapeTensor.constant(kernels(), kernels().logSoftmaxGradient(buffer(g), buffer(y)));
    assertClose(fused, g.sub(y.exp().mul(g.sum(new int[] {1}, true))), 10 * tolerance(dtype));
  }

  @Test
  void logSoftmaxAlongTheLastAxisRecordsOneFusedNodeWithTheComposedGradient() {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_LOG_SOFTMAX), "no FUSED_LOG_SOFTMAX");
    Tensor x = random(23, DType.FLOAT32, -4, 4, 3, 6, 5).requireGrad();
    Tensor weights = random(24, DType.FLOAT32, -1, 1, 3, 6, 5);
    Tensor y = x.logSoftmax(-1);
    assertThat(TapeTensor.of(y).node().op()).isEqualTo(StructuralOp.LOG_SOFTMAX);
    assertThat(TapeTensor.of(x.logSoftmax(1)).node().op()).as("another axis: the composition")
        .isNotEqualTo(StructuralOp.LOG_SOFTMAX);
    y.mul(weights).sum().backward();
    Tensor fused = x.grad().detach();
    x.zeroGrad();
    x.sub(x.logSumExp(-1, true)).mul(weights).sum().backward();
    assertClose(fused, x.grad(), 1e-5);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void sumOfSquaresIsTheSumOfTheSquares(DType dtype) {
    for (int[] shape : new int[][] {{}, {7}, {300, 7}, {3, 5, 41, 43}}) {
      Tensor x = random(19, dtype, -3, 3, shape);
      Tensor fused = TapeTensor.constant(kernels(), kernels().sumOfSquares(buffer(x)));
      assertThat(fused.shape()).isEqualTo(Shape.of());
      assertThat(fused.dtype()).isEqualTo(dtype);
      double expected = x.square().sum().item();
      assertThat(fused.item()).as("sum of squares of %s", x.shape())
          .isCloseTo(expected, within(10 * tolerance(dtype) * Math.max(1, expected)));
    }
  }

  @Test
  void functionsBceWithLogitsRecordsOneFusedNodeWithTheComposedGradients() {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_BCE_WITH_LOGITS), "no FUSED_BCE_WITH_LOGITS");
    Tensor l = random(14, DType.FLOAT32, -4, 4, 3, 6, 5).requireGrad();
    Tensor t = random(15, DType.FLOAT32, 0, 1, 6, 5).requireGrad();
    Tensor y = Functions.bceWithLogits(l, t);
    assertThat(TapeTensor.of(y).node().op()).isEqualTo(StructuralOp.BCE_WITH_LOGITS);
    y.sum().backward();
    Tensor gl = l.grad().detach();
    Tensor gt = t.grad().detach();
    l.zeroGrad();
    t.zeroGrad();
    l.softplus().sub(l.mul(t)).sum().backward();
    assertClose(gl, l.grad(), 1e-5);
    assertClose(gt, t.grad(), 1e-5);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void fusedAdamUpdateEqualsTheComposedFormulas(DType dtype) {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_ADAM), "no FUSED_ADAM");
    int[] shape = {300, 7};
    Tensor p = random(8, dtype, -1, 1, shape);
    Tensor g = random(9, dtype, -3, 3, shape);
    Tensor m = random(10, dtype, -0.5, 0.5, shape);
    Tensor v = random(11, dtype, 0, 2, shape);
    AdamStep step = new AdamStep(1e-3, 0.9, 0.999, 1e-8, 3);
    Tensor m2 = m.mul(step.beta1()).add(g.mul(1 - step.beta1()));
    Tensor v2 = v.mul(step.beta2()).add(g.square().mul(1 - step.beta2()));
    Tensor p2 = p.sub(m2.div(v2.sqrt().div(step.biasCorrection2Sqrt()).add(step.eps())).mul(step.stepSize()));
    Tensor pBefore = p.mul(1.0);
    Buffer result = kernels().adamUpdate(buffer(p), buffer(g), buffer(m), buffer(v), step);
    double tol = tolerance(dtype);
    if (result == buffer(p)) {
      assertClose(p, p2, tol);
    } else {
      assertClose(TapeTensor.constant(kernels(), result), p2, tol);
      assertThat(p.toDoubleArray()).as("a new result leaves the parameter's own buffer as it was")
          .containsExactly(pBefore.toDoubleArray());
    }
    assertClose(m, m2, tol);
    assertClose(v, v2, tol);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void adamOverSeveralParametersInOneCallEqualsOneCallEach(DType dtype) {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_ADAM), "no FUSED_ADAM");
    int[][] shapes = {{300, 7}, {7}, {3, 1, 2, 2}, {1}};
    AdamStep step = new AdamStep(2e-3, 0.8, 0.99, 1e-6, 4);
    List<Buffer> params = new ArrayList<>();
    List<Buffer> grads = new ArrayList<>();
    List<Buffer> ms = new ArrayList<>();
    List<Buffer> vs = new ArrayList<>();
    List<double[][]> expected = new ArrayList<>();
    for (int i = 0; i < shapes.length; i++) {
      Tensor p = random(20 + i, dtype, -1, 1, shapes[i]);
      Tensor g = random(30 + i, dtype, -3, 3, shapes[i]);
      Tensor m = random(40 + i, dtype, -0.5, 0.5, shapes[i]);
      Tensor v = random(50 + i, dtype, 0, 2, shapes[i]);
      Tensor m1 = m.mul(1.0);
      Tensor v1 = v.mul(1.0);
      Buffer copy = buffer(p.mul(1.0));
      Buffer alone = kernels().adamUpdate(copy, buffer(g), buffer(m1), buffer(v1), step);
      expected.add(new double[][] {kernels().toDoubles(alone), m1.toDoubleArray(), v1.toDoubleArray()});
      if (alone != copy) {
        alone.close();
      }
      params.add(buffer(p));
      grads.add(buffer(g));
      ms.add(buffer(m));
      vs.add(buffer(v));
    }
    List<Buffer> updated = kernels().adamUpdates(params, grads, ms, vs, step);
    assertThat(updated).hasSize(shapes.length);
    try {
      for (int i = 0; i < shapes.length; i++) {
        assertThat(updated.get(i).shape()).isEqualTo(Shape.of(shapes[i]));
        assertThat(kernels().toDoubles(updated.get(i))).as("parameter %d", i).containsExactly(expected.get(i)[0]);
        assertThat(kernels().toDoubles(ms.get(i))).as("first moment %d", i).containsExactly(expected.get(i)[1]);
        assertThat(kernels().toDoubles(vs.get(i))).as("second moment %d", i).containsExactly(expected.get(i)[2]);
      }
    } finally {
      for (int i = 0; i < shapes.length; i++) {
        if (updated.get(i) != params.get(i)) {
          updated.get(i).close();
        }
      }
    }
  }

  @Test
  void adamUpdatesRefusesListsOfDifferentLengths() {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_ADAM), "no FUSED_ADAM");
    Buffer p = buffer(random(60, DType.FLOAT32, -1, 1, 3));
    assertThatThrownBy(() -> kernels().adamUpdates(List.of(p), List.of(), List.of(p), List.of(p),
        new AdamStep(1e-3, 0.9, 0.999, 1e-8, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 parameters but 0 gradients");
  }

  @Test
  void adamStateLoadedFromAnotherOptimizerIsACopyNotAView() {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_ADAM), "no FUSED_ADAM");
    Tensor a = f().of(new double[] {0.5, -1.5, 2.0}, Shape.of(3), DType.FLOAT32).requireGrad();
    Tensor b = f().of(new double[] {0.5, -1.5, 2.0}, Shape.of(3), DType.FLOAT32).requireGrad();
    Scope.release(a);
    Scope.release(b);
    try (Adam first = Adam.builder(0.05).build(Map.of("w", a));
        Adam second = Adam.builder(0.05).build(Map.of("w", b))) {
      step(first, a);
      second.loadState(first.state(), first.stepCount());
      double[] loaded = second.state().get("adam.m.w").toDoubleArray();
      step(first, a);
      assertThat(second.state().get("adam.m.w").toDoubleArray()).containsExactly(loaded);
    } finally {
      a.close();
      b.close();
    }
  }

  private static void step(Adam adam, Tensor p) {
    try (Scope s = Scope.open()) {
      p.square().mul(p).sum().backward();
      adam.step();
      adam.zeroGrad();
    }
  }

  @Test
  void adamStepsATensorUnderTwoNamesTwiceTheSecondTimeOnTheFirstsResult() {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_ADAM), "no FUSED_ADAM");
    double[] start = {0.5, -1.5, 2.0};
    Tensor p = f().of(start, Shape.of(3), DType.FLOAT32).requireGrad();
    Tensor other = f().of(start, Shape.of(3), DType.FLOAT32).requireGrad();
    Scope.release(p);
    Scope.release(other);
    Map<String, Tensor> named = new LinkedHashMap<>();
    named.put("first", p);
    named.put("other", other);
    named.put("again", p);
    try (Adam adam = Adam.builder(0.05).build(named)) {
      try (Scope s = Scope.open()) {
        p.square().mul(p).sum().add(other.square().mul(other).sum()).backward();
        adam.step();
      }
      double[] got = p.toDoubleArray();
      for (int i = 0; i < 3; i++) {
        double g = 3 * start[i] * start[i];
        // one step of Adam from zero moments moves by lr * g / (|g| + eps), once per name
        double once = 0.05 * g / (Math.abs(g) + 1e-8);
        assertThat(got[i]).as("parameter %d", i).isCloseTo(start[i] - 2 * once, within(1e-6));
        assertThat(other.toDoubleArray()[i]).as("other %d", i).isCloseTo(start[i] - once, within(1e-6));
      }
    } finally {
      p.close();
      other.close();
    }
  }

  @Test
  void adamOnTheFusedKernelFollowsTheHostFormulasOverSteps() {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_ADAM), "no FUSED_ADAM");
    double[] start = {0.5, -1.5, 2.0, 0.0};
    Tensor p = f().of(start, Shape.of(4), DType.FLOAT32).requireGrad();
    Scope.release(p);
    double[] host = start.clone();
    double[] m = new double[4];
    double[] v = new double[4];
    try (Adam adam = Adam.builder(0.05).build(Map.of("w", p))) {
      for (int t = 1; t <= 5; t++) {
        step(adam, p);
        for (int i = 0; i < 4; i++) {
          double gi = 3 * host[i] * host[i];
          m[i] = 0.9 * m[i] + 0.1 * gi;
          v[i] = 0.999 * v[i] + 0.001 * gi * gi;
          host[i] -= 0.05 / (1 - Math.pow(0.9, t)) * m[i] / (Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, t))
              + 1e-8);
        }
      }
      double[] got = p.toDoubleArray();
      for (int i = 0; i < 4; i++) {
        assertThat(got[i]).as("parameter %d", i).isCloseTo(host[i], within(1e-5));
      }
    } finally {
      p.close();
    }
  }

  private static Buffer buffer(Tensor t) {
    return TapeTensor.of(t).buffer();
  }
}
