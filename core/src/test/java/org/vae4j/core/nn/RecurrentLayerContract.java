package org.vae4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.DType;
import org.vae4j.api.Module;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.LstmCellState;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.autodiff.TapeTensor;
import org.vae4j.core.contract.BackendTestSupport;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.random.RandomTensors;

/**
 * The recurrent layers on one backend: {@link Lstm} and {@link Gru} against values computed by PyTorch 1.13
 * ({@code torch.nn.LSTM} and {@code torch.nn.GRU}, batch first, two layers) for fixed weights, and the
 * gradients of {@link LstmCell}, {@link GruCell}, {@link Lstm} and {@link Gru} against central finite
 * differences in FLOAT64; and, where the backend announces {@link Capability#FUSED_LSTM_CELL}, its kernel
 * against core's composition. Run it with a one-line subclass per backend.
 */
public abstract class RecurrentLayerContract extends BackendTestSupport {
  private static final double EPS = 1e-6;
  private static final double TOL = 1e-6;
  private static final int N = 2;
  private static final int T = 3;
  private static final int I = 3;
  private static final int H = 2;

  private Scope scope;

  @BeforeEach
  void openScope() {
    scope = Scope.open();
  }

  @AfterEach
  void closeScope() {
    scope.close();
  }

  private ParameterFactory params64(long seed) {
    assumeFloat64();
    return new ParameterFactory(f(), DType.FLOAT64, PhiloxStream.seeded(seed));
  }

  private Tensor randn64(long seed, int... shape) {
    return RandomTensors.normal(f(), PhiloxStream.seeded(seed), Shape.of(shape), DType.FLOAT64);
  }

  /**
   * Sets parameter p (in registration order) to {@code 0.3 sin(1.3 i + 0.7 p)} for element i: the weights the
   * reference values were computed with ({@code torch.nn.LSTM(3, 2, 2, batch_first=True)} and the same for
   * GRU, input {@code cos(0.9 i)} of shape (2, 3, 3), in float64).
   */
  private void fillLikeTheReference(Module m) {
    int p = 0;
    for (Tensor t : m.namedParameters().values()) {
      double[] v = new double[(int) t.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = 0.3 * Math.sin(1.3 * i + 0.7 * p);
      }
      t.assign(f().of(v, t.shape()));
      p++;
    }
  }

  private Tensor referenceInput() {
    double[] x = new double[N * T * I];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.cos(0.9 * i);
    }
    return f64(x, N, T, I);
  }

  private static void assertValues(String what, Tensor actual, double... expected) {
    double[] a = actual.toDoubleArray();
    assertThat(a).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).as("%s element %d", what, i).isCloseTo(expected[i], within(1e-12));
    }
  }

  @Test
  void lstmMatchesPytorch() {
    try (Lstm lstm = new Lstm(I, H, 2, params64(1))) {
      assertThat(lstm.namedParameters().keySet()).containsExactly("weight_ih_l0", "weight_hh_l0", "bias_ih_l0",
          "bias_hh_l0", "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1");
      fillLikeTheReference(lstm);
      Lstm.Result r = lstm.forward(referenceInput());
      assertThat(r.output().shape()).isEqualTo(Shape.of(N, T, H));
      assertValues("output", r.output(), -0.022845429062217, -0.145033702052078, -0.039683515984883,
          -0.217099496594787, -0.054869522331846, -0.254651790577273, -0.022884449260735, -0.141424632308094,
          -0.043382443963334, -0.215314995679011, -0.052599830323321, -0.257192201892949);
      assertValues("h_n layer 0", r.states().get(0).h(), 0.035655846111622, 0.133359728828426,
          0.127657662196202, 0.172303662015476);
      assertValues("h_n layer 1", r.states().get(1).h(), -0.054869522331846, -0.254651790577273,
          -0.052599830323321, -0.257192201892949);
      assertValues("c_n layer 0", r.states().get(0).c(), 0.083886236069568, 0.411380016878762,
          0.341974900027891, 0.375891353216461);
      assertValues("c_n layer 1", r.states().get(1).c(), -0.12006854906741, -0.426130617952464,
          -0.115242642365035, -0.42761357861573);
    }
  }

  @Test
  void gruMatchesPytorch() {
    try (Gru gru = new Gru(I, H, 2, params64(2))) {
      fillLikeTheReference(gru);
      Gru.Result r = gru.forward(referenceInput());
      assertValues("output", r.output(), 0.027508332552297, -0.199317609132226, 0.035130530785389,
          -0.294501419948009, 0.045632480197668, -0.367509803965078, 0.010639307627113, -0.172112730793307,
          0.011740535691207, -0.280220990835832, 0.036810204277945, -0.356749570210919);
      assertValues("h_n layer 0", r.states().get(0), 0.035853102158156, 0.458037634231991, 0.236043339496041,
          0.406370809120888);
      assertValues("h_n layer 1", r.states().get(1), 0.045632480197668, -0.367509803965078, 0.036810204277945,
          -0.356749570210919);
    }
  }

  @Test
  void lstmCellStepsAgreeWithTheLstmLayer() {
    try (LstmCell cell = new LstmCell(I, H, params64(3)); Lstm lstm = new Lstm(I, H, 1, params64(3))) {
      Tensor x = randn64(4, N, T, I);
      LstmCell.State s = null;
      for (int t = 0; t < T; t++) {
        s = cell.forward(x.slice(1, t, t + 1).squeeze(1), s);
      }
      Lstm.Result r = lstm.forward(x);
      assertThat(r.states().get(0).h().toDoubleArray()).containsExactly(s.h().toDoubleArray(), within(1e-14));
      assertThat(r.states().get(0).c().toDoubleArray()).containsExactly(s.c().toDoubleArray(), within(1e-14));
    }
  }

  /** {@code sum(f() * r)} for a fixed random r, under NoGrad. */
  private static double probe(Supplier<Tensor> f, Tensor r) {
    try (Scope s = Scope.open(); NoGrad ng = NoGrad.enter()) {
      return f.get().mul(r).sum().item();
    }
  }

  private void checkGradients(String name, Module m, Tensor x, Supplier<Tensor> out) {
    Tensor y = out.get();
    Tensor r = randn64(77, y.shape().dims());
    y.mul(r).sum().backward();
    GradientCheck.assertMatchesFiniteDifferences(name + " input", x, () -> probe(out, r), EPS, TOL);
    for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
      GradientCheck.assertMatchesFiniteDifferences(name + " " + p.getKey(), p.getValue(), () -> probe(out, r),
          EPS, TOL);
    }
  }

  @Test
  void lstmCellGradientsMatchFiniteDifferences() {
    try (LstmCell cell = new LstmCell(I, H, params64(5))) {
      Tensor x = randn64(6, N, I).requireGrad();
      Tensor h = randn64(7, N, H).requireGrad();
      Tensor c = randn64(8, N, H).requireGrad();
      Supplier<Tensor> out = () -> {
        LstmCell.State s = cell.forward(x, new LstmCell.State(h, c));
        return s.h().mul(2.0).add(s.c());
      };
      checkGradients("LstmCell", cell, x, out);
      GradientCheck.assertMatchesFiniteDifferences("LstmCell h", h, () -> probe(out, randn64(77, N, H)), EPS, TOL);
      GradientCheck.assertMatchesFiniteDifferences("LstmCell c", c, () -> probe(out, randn64(77, N, H)), EPS, TOL);
    }
  }

  @Test
  void lstmGradientsMatchFiniteDifferences() {
    try (Lstm lstm = new Lstm(I, H, 2, params64(9))) {
      Tensor x = randn64(10, N, T, I).requireGrad();
      checkGradients("Lstm", lstm, x, () -> {
        Lstm.Result r = lstm.forward(x);
        return r.output().sum(1).add(r.states().get(0).c());
      });
    }
  }

  @Test
  void gruCellGradientsMatchFiniteDifferences() {
    try (GruCell cell = new GruCell(I, H, params64(11))) {
      Tensor x = randn64(12, N, I).requireGrad();
      Tensor h = randn64(13, N, H).requireGrad();
      Supplier<Tensor> out = () -> cell.forward(x, h);
      checkGradients("GruCell", cell, x, out);
      GradientCheck.assertMatchesFiniteDifferences("GruCell h", h, () -> probe(out, randn64(77, N, H)), EPS, TOL);
    }
  }

  @Test
  void gruGradientsMatchFiniteDifferences() {
    try (Gru gru = new Gru(I, H, 2, params64(14))) {
      Tensor x = randn64(15, N, T, I).requireGrad();
      checkGradients("Gru", gru, x, () -> gru.forward(x).output());
    }
  }

  private Tensor uniform(long seed, DType dtype, int... shape) {
    if (dtype == DType.FLOAT64) {
      assumeFloat64();
    }
    double[] u = PhiloxStream.seeded(seed).uniformDoubles((int) Shape.of(shape).size());
    for (int i = 0; i < u.length; i++) {
      u[i] = 2 * u[i] - 1;
    }
    return f().of(u, Shape.of(shape), dtype);
  }

  private static void assertClose(String what, Tensor actual, Tensor expected, double tolerance) {
    assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
    double[] a = actual.toDoubleArray();
    double[] e = expected.toDoubleArray();
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).as("%s element %d", what, i).isCloseTo(e[i], within(tolerance));
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void theFusedLstmCellKernelEqualsTheComposition(DType dtype) {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_LSTM_CELL), "no FUSED_LSTM_CELL");
    Tensor x = uniform(20, dtype, 5, 3);
    Tensor h = uniform(21, dtype, 5, 4);
    Tensor c = uniform(22, dtype, 5, 4).mul(3.0);
    Tensor wIh = uniform(23, dtype, 16, 3);
    Tensor wHh = uniform(24, dtype, 16, 4);
    Tensor bIh = uniform(25, dtype, 16);
    Tensor bHh = uniform(26, dtype, 16);
    LstmCell.State composed = LstmStep.fromGates(LstmCell.gates(x, h, wIh, wHh, bIh, bHh), c);
    LstmCellState fused = kernels().lstmCell(buffer(x), buffer(h), buffer(c), buffer(wIh), buffer(wHh), buffer(bIh),
        buffer(bHh));
    double tol = dtype == DType.FLOAT32 ? 2e-6 : 1e-14;
    assertClose("h'", TapeTensor.constant(kernels(), fused.h()), composed.h(), tol);
    assertClose("c'", TapeTensor.constant(kernels(), fused.c()), composed.c(), tol);
  }

  @Test
  void theLstmStepUsesTheFusedKernelOnlyWhereNoGradientIsRecorded() {
    assumeTrue(kernels().capabilities().contains(Capability.FUSED_LSTM_CELL), "no FUSED_LSTM_CELL");
    try (LstmCell cell = new LstmCell(3, 4, ParameterFactory.of(f(), PhiloxStream.seeded(27)))) {
      Tensor x = uniform(28, DType.FLOAT32, 5, 3);
      LstmCell.State recorded = cell.forward(x, null);
      assertThat(TapeTensor.of(recorded.h()).node()).as("a recorded step is the composition").isNotNull();
      LstmCell.State fused;
      try (NoGrad ignored = NoGrad.enter()) {
        fused = cell.forward(x, recorded);
        assertThat(TapeTensor.of(fused.h()).node()).isNull();
      }
      LstmCell.State composed = LstmStep.fromGates(LstmCell.gates(x, recorded.h(), cell.weightIh(),
          cell.weightHh(), cell.biasIh(), cell.biasHh()), recorded.c());
      assertClose("h' under NoGrad", fused.h(), composed.h(), 2e-6);
      assertClose("c' under NoGrad", fused.c(), composed.c(), 2e-6);
    }
  }

  private static Buffer buffer(Tensor t) {
    return TapeTensor.of(t).buffer();
  }

  @Test
  void recurrentLayersNameTheShapesTheyRefuse() {
    ParameterFactory p = ParameterFactory.of(f(), PhiloxStream.seeded(16));
    try (LstmCell cell = new LstmCell(I, H, p); Lstm lstm = new Lstm(I, H, 1, p); Gru gru = new Gru(I, H, 1, p)) {
      Tensor wrong = f().zeros(Shape.of(N, I + 1), DType.FLOAT32);
      assertThatThrownBy(() -> cell.forward(wrong, null)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("LstmCell").hasMessageContaining("(2, 4)").hasMessageContaining("(N, 3)");
      assertThatThrownBy(() -> lstm.forward(wrong)).hasMessageContaining("(N, T >= 1, 3)");
      assertThatThrownBy(() -> gru.forward(f().zeros(Shape.of(N, T, I), DType.FLOAT32), List.of()))
          .hasMessageContaining("0 initial states given for 1 layers");
      assertThatThrownBy(() -> new LstmCell(0, H, p)).hasMessageContaining(">= 1");
    }
  }
}
