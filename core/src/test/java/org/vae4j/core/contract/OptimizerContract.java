package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;
import org.vae4j.core.Scope;
import org.vae4j.core.optim.Adagrad;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.optim.RmsProp;
import org.vae4j.core.optim.Sgd;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.random.RandomTensors;

/**
 * Optimizers against PyTorch's update formulas. The expected values were computed in float64 with a
 * transcription of torch.optim's single-tensor code paths for parameters {@code (0.5, -1.5, 2.0)} and the
 * gradients {@link #GRADS} of successive steps.
 */
@SuppressWarnings("try") // scopes and NoGrad blocks are used for their effect, not referenced
public abstract class OptimizerContract extends BackendTestSupport {
  private static final double[] START = {0.5, -1.5, 2.0};
  private static final double[][] GRADS = {{0.1, -0.2, 0.3}, {-0.4, 0.5, 0.05}, {0.2, 0.2, -0.1}};

  private record Case(String name, Function<Map<String, Tensor>, Optimizer> make, int steps, double[] expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> pytorchCases() {
    Case[] cases = {
        new Case("sgd, 1 step", p -> Sgd.builder(0.1).build(p), 1, new double[] {0.49, -1.48, 1.97}),
        new Case("sgd momentum 0.9", p -> Sgd.builder(0.1).momentum(0.9).build(p), 3,
            new double[] {0.5289, -1.5608, 1.9192}),
        new Case("sgd nesterov", p -> Sgd.builder(0.1).momentum(0.9).nesterov(true).build(p), 3,
            new double[] {0.53601, -1.60472, 1.90228}),
        new Case("sgd dampening 0.5, weight decay 0.01",
            p -> Sgd.builder(0.1).momentum(0.9).dampening(0.5).weightDecay(0.01).build(p), 3,
            new double[] {0.498830072375, -1.497088719625, 1.910692542}),
        new Case("adam", p -> Adam.builder(0.1).build(p), 2,
            new double[] {0.4559503574851284, -1.4442215302172328, 1.821667272150606}),
        new Case("adam, L2 weight decay 0.1", p -> Adam.builder(0.1).weightDecay(0.1).build(p), 2,
            new double[] {0.4429341513610014, -1.4066709026001991, 1.8073841626213918}),
        new Case("adamw, decoupled weight decay 0.1",
            p -> Adam.builder(0.1).weightDecay(0.1).decoupledWeightDecay(true).build(p), 2,
            new double[] {0.4470003573851284, -1.4153715301672327, 1.7828672721172727}),
        new Case("adagrad", p -> Adagrad.builder(0.1).build(p), 2,
            new double[] {0.49701425009100375, -1.4928476691212844, 1.8835601013082028}),
        new Case("adagrad lr decay 0.01, weight decay 0.05, accumulator 0.1",
            p -> Adagrad.builder(0.1).lrDecay(0.01).weightDecay(0.05).initialAccumulatorValue(0.1).build(p), 2,
            new double[] {0.5367470875814101, -1.5051464084472894, 1.894285893369789}),
        new Case("rmsprop", p -> RmsProp.builder(0.01).build(p), 2,
            new double[] {0.49704287266865177, -1.4929118010156806, 1.8834795737804584}),
        new Case("rmsprop centered, momentum 0.9, weight decay 0.02",
            p -> RmsProp.builder(0.01).centered(true).momentum(0.9).weightDecay(0.02).build(p), 2,
            new double[] {0.40559325125943185, -1.3991225117958115, 1.7836828621633267}),
    };
    return Stream.of(DType.FLOAT64, DType.FLOAT32).flatMap(d -> Stream.of(cases).map(c -> Arguments.of(d, c)));
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("pytorchCases")
  void matchesPytorchUpdateFormulas(DType dtype, Case c) {
    if (dtype == DType.FLOAT64) {
      assumeFloat64();
    }
    Tensor p = f().of(START, Shape.of(3), dtype).requireGrad();
    try (Optimizer opt = c.make().apply(Map.of("w", p))) {
      for (int t = 0; t < c.steps(); t++) {
        applyGradient(opt, p, GRADS[t]);
      }
      assertThat(opt.stepCount()).isEqualTo(c.steps());
    }
    double tolerance = dtype == DType.FLOAT64 ? 1e-12 : 3e-6;
    double[] got = p.toDoubleArray();
    for (int i = 0; i < 3; i++) {
      assertThat(got[i]).as("%s, element %d in %s", c.name(), i, dtype).isCloseTo(c.expected()[i], within(tolerance));
    }
    p.close();
  }

  /**
   * By hand: at step 1, Adam's bias-corrected moments are g and g^2, so each element moves by
   * lr * g / (|g| + eps), that is lr against the sign of its gradient. At step 2, for the first element
   * (g1 = 0.1, g2 = -0.4): m = 0.9 * 0.01 + 0.1 * (-0.4) = -0.031 and v = 0.999 * 1e-5 + 0.001 * 0.16 =
   * 1.6999e-4, corrected by 1 - 0.9^2 = 0.19 and 1 - 0.999^2 = 0.001999.
   */
  @Test
  void adamTwoStepsByHand() {
    assumeFloat64();
    Tensor p = f().of(START, Shape.of(3), DType.FLOAT64).requireGrad();
    try (Optimizer opt = Adam.builder(0.1).build(Map.of("w", p))) {
      applyGradient(opt, p, GRADS[0]);
      double[] afterOne = p.toDoubleArray();
      assertThat(afterOne).containsExactly(new double[] {0.4, -1.4, 1.9}, within(1e-7));
      applyGradient(opt, p, GRADS[1]);
      double mHat = -0.031 / 0.19;
      double vHatSqrt = Math.sqrt(1.6999e-4 / 0.001999);
      assertThat(p.toDoubleArray()[0]).isCloseTo(afterOne[0] - 0.1 * mHat / (vHatSqrt + 1e-8), within(1e-12));
    }
    p.close();
  }

  @Test
  void anIdentityResultOfAParameterKeepsItsValuesAcrossAStep() {
    Tensor p = f().of(START, Shape.of(3), DType.FLOAT32).requireGrad();
    Tensor before = p.reshape(p.shape());
    try (Optimizer opt = Adam.builder(0.1).build(Map.of("w", p))) {
      applyGradient(opt, p, GRADS[0]);
    }
    assertThat(before.toDoubleArray()).as("the identity result shares p's old buffer; the step must not write it")
        .containsExactly(START, within(1e-6));
    assertThat(p.toDoubleArray()).containsExactly(new double[] {0.4, -1.4, 1.9}, within(1e-6));
    before.close();
    p.close();
  }

  @Test
  void stateIsNamedByKindSlotAndParameter() {
    Tensor a = f().zeros(Shape.of(2, 3), DType.FLOAT32).requireGrad();
    Tensor b = f().zeros(Shape.of(3), DType.FLOAT32).requireGrad();
    Map<String, Tensor> params = new LinkedHashMap<>();
    params.put("encoder.0.weight", a);
    params.put("encoder.0.bias", b);
    try (Optimizer adam = Adam.builder(0.1).build(params);
        Optimizer sgd = Sgd.builder(0.1).momentum(0.5).build(params);
        Optimizer rms = RmsProp.builder(0.1).centered(true).momentum(0.5).build(params);
        Optimizer ada = Adagrad.builder(0.1).build(params)) {
      assertThat(adam.state().keySet()).containsExactly("adam.m.encoder.0.weight", "adam.m.encoder.0.bias",
          "adam.v.encoder.0.weight", "adam.v.encoder.0.bias");
      assertThat(adam.state().get("adam.v.encoder.0.weight").shape()).isEqualTo(Shape.of(2, 3));
      assertThat(sgd.state().keySet()).containsExactly("sgd.momentum.encoder.0.weight", "sgd.momentum.encoder.0.bias");
      assertThat(rms.state().keySet()).containsExactlyInAnyOrder("rmsprop.square_avg.encoder.0.weight",
          "rmsprop.square_avg.encoder.0.bias", "rmsprop.grad_avg.encoder.0.weight", "rmsprop.grad_avg.encoder.0.bias",
          "rmsprop.momentum.encoder.0.weight", "rmsprop.momentum.encoder.0.bias");
      assertThat(ada.state().keySet()).containsExactly("adagrad.sum.encoder.0.weight", "adagrad.sum.encoder.0.bias");
    }
    a.close();
    b.close();
  }

  @Test
  void stepLeavesNothingInTheEnclosingScopeAndStateOutlivesIt() {
    Tensor p = f().of(START, Shape.of(3), DType.FLOAT32).requireGrad();
    Optimizer opt;
    try (Scope outer = Scope.open()) {
      opt = Adam.builder(0.1).build(Map.of("w", p));
      assertThat(outer.size()).as("tensors the optimizer left in the caller's scope").isZero();
      Tensor loss = p.square().sum();
      loss.backward();
      int before = outer.size();
      opt.step();
      assertThat(outer.size()).as("tensors a step left in the caller's scope").isEqualTo(before);
    }
    assertThat(opt.state().values()).allSatisfy(t -> assertThat(t.isClosed()).isFalse());
    assertThat(p.isClosed()).isFalse();
    opt.close();
    assertThat(opt.state().values()).allSatisfy(t -> assertThat(t.isClosed()).isTrue());
    assertThat(p.isClosed()).as("the optimizer must not close parameters").isFalse();
    p.close();
  }

  @Test
  void parametersWithoutGradientStayUnchanged() {
    Tensor used = f().of(START, Shape.of(3), DType.FLOAT32).requireGrad();
    Tensor unused = f().of(START, Shape.of(3), DType.FLOAT32).requireGrad();
    Map<String, Tensor> params = new LinkedHashMap<>();
    params.put("used", used);
    params.put("unused", unused);
    try (Optimizer opt = Adam.builder(0.1).build(params)) {
      applyGradient(opt, used, GRADS[0]);
      assertThat(unused.toDoubleArray()).containsExactly(START);
      assertThat(opt.state().get("adam.m.unused").toDoubleArray()).containsExactly(0, 0, 0);
      assertThat(used.toDoubleArray()[0]).isCloseTo(0.4, within(1e-6));
    }
    used.close();
    unused.close();
  }

  @Test
  void loadedStateContinuesExactly() {
    Tensor a = f().of(START, Shape.of(3), DType.FLOAT32).requireGrad();
    Tensor b = f().of(START, Shape.of(3), DType.FLOAT32).requireGrad();
    try (Optimizer first = Adam.builder(0.05).build(Map.of("w", a));
        Optimizer second = Adam.builder(0.05).build(Map.of("w", b))) {
      applyGradient(first, a, GRADS[0]);
      applyGradient(first, a, GRADS[1]);
      try (Scope s = Scope.open()) {
        b.assign(a.detach());
      }
      second.loadState(first.state(), first.stepCount());
      assertThat(second.stepCount()).isEqualTo(2);
      applyGradient(first, a, GRADS[2]);
      applyGradient(second, b, GRADS[2]);
      assertThat(b.toFloatArray()).containsExactly(a.toFloatArray());
    }
    a.close();
    b.close();
  }

  @Test
  void loadStateListsEveryMismatchAndChangesNothing() {
    Tensor p = f().of(START, Shape.of(3), DType.FLOAT32).requireGrad();
    try (Optimizer opt = Adam.builder(0.1).build(Map.of("w", p))) {
      Map<String, Tensor> saved = new LinkedHashMap<>();
      saved.put("adam.m.w", f().zeros(Shape.of(4), DType.FLOAT32));
      saved.put("adam.m.other", f().zeros(Shape.of(3), DType.FLOAT32));
      assertThatThrownBy(() -> opt.loadState(saved, 7))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("missing 'adam.v.w' (FLOAT32 (3))")
          .hasMessageContaining("'adam.m.w' is FLOAT32 (4) in the saved state but FLOAT32 (3) here")
          .hasMessageContaining("unexpected 'adam.m.other'");
      assertThat(opt.stepCount()).isZero();
      saved.values().forEach(Tensor::close);
    }
    p.close();
  }

  @Test
  void everyOptimizerReducesALeastSquaresLoss() {
    PhiloxStream rng = PhiloxStream.seeded(7);
    Tensor x = RandomTensors.normal(f(), rng, Shape.of(64, 3), DType.FLOAT32);
    Tensor trueW = f().of(new double[] {1.5, -2.0, 0.5}, Shape.of(1, 3), DType.FLOAT32);
    Tensor y = Functions.linear(x, trueW, null);
    Map<String, Function<Map<String, Tensor>, Optimizer>> makers = new LinkedHashMap<>();
    makers.put("sgd", p -> Sgd.builder(0.05).momentum(0.9).build(p));
    makers.put("adam", p -> Adam.builder(0.05).build(p));
    makers.put("adagrad", p -> Adagrad.builder(0.3).build(p));
    makers.put("rmsprop", p -> RmsProp.builder(0.01).build(p));
    for (Map.Entry<String, Function<Map<String, Tensor>, Optimizer>> e : makers.entrySet()) {
      Tensor w = f().zeros(Shape.of(1, 3), DType.FLOAT32).requireGrad();
      Tensor bias = f().zeros(Shape.of(1), DType.FLOAT32).requireGrad();
      Map<String, Tensor> params = new LinkedHashMap<>();
      params.put("weight", w);
      params.put("bias", bias);
      double first = Double.NaN;
      double last = Double.NaN;
      try (Optimizer opt = e.getValue().apply(params)) {
        for (int step = 0; step < 150; step++) {
          try (Scope s = Scope.open()) {
            opt.zeroGrad();
            Tensor loss = Functions.mseLoss(Functions.linear(x, w, bias), y);
            loss.backward();
            opt.step();
            last = loss.item();
            first = step == 0 ? last : first;
          }
        }
      }
      assertThat(last).as("%s: loss after 150 steps, from %s", e.getKey(), first).isLessThan(first / 20);
      w.close();
      bias.close();
    }
  }

  @Test
  void refusesBadSettings() {
    Tensor constant = f().zeros(Shape.of(2), DType.FLOAT32);
    assertThatThrownBy(() -> Adam.builder(0.1).build(Map.of("frozen", constant)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameter 'frozen'")
        .hasMessageContaining("requireGrad()");
    assertThatThrownBy(() -> Sgd.builder(0.1).nesterov(true).build(Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nesterov momentum needs momentum > 0");
    assertThatThrownBy(() -> Adam.builder(0.1).betas(1.0, 0.999))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("adam: beta1 must be in [0, 1), got 1.0");
    assertThatThrownBy(() -> Sgd.builder(-1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate must be a positive finite number");
    constant.close();
  }

  /** Makes {@code grad} the gradient of {@code p} (as d/dp of sum(p * grad)), steps and clears it. */
  private void applyGradient(Optimizer opt, Tensor p, double[] grad) {
    try (Scope s = Scope.open()) {
      opt.zeroGrad();
      p.mul(f().of(grad, p.shape(), p.dtype())).sum().backward();
      opt.step();
      opt.zeroGrad();
    }
  }
}
