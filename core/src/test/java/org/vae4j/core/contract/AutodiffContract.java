package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Buffer;
import org.vae4j.core.Functions;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.autodiff.TapeTensor;
import org.vae4j.core.autodiff.UnclosedTensors;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.random.RandomTensors;

/**
 * The tape's semantics on the backend under test: accumulation, detach, no-grad blocks, scopes, error
 * messages, and a small model trained by gradient descent with tensor ops alone.
 */
public abstract class AutodiffContract extends BackendTestSupport {

  @Test
  void aTensorUsedTwiceGetsBothContributions() {
    Tensor x = f32(new double[] {1, -2, 3}, 3).requireGrad();
    x.mul(x).add(x).sum().backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(3, -3, 7);
  }

  @Test
  void gradientsAccumulateAcrossBackwardPassesUntilZeroed() {
    Tensor x = f32(new double[] {2}, 1).requireGrad();
    x.square().sum().backward();
    x.square().sum().backward();
    assertThat(x.grad().item()).isEqualTo(8.0);
    x.zeroGrad();
    assertThat(x.grad()).isNull();
  }

  @Test
  void digammaPassesItsGradientAsTrigamma() {
    double[] at = {0.5, 2, 7.5};
    Tensor x = f32(at, 3).requireGrad();
    x.digamma().sum().backward();
    double[] grad = x.grad().toDoubleArray();
    for (int i = 0; i < at.length; i++) {
      assertThat(grad[i]).as("d digamma / dx at %s", at[i])
          .isCloseTo(ReferenceMath.trigamma(at[i]), within(1e-5 * ReferenceMath.trigamma(at[i])));
    }
  }

  @Test
  void aGradientThroughAnOpWithoutARuleFailsNamingItAndAccumulatesNothing() {
    Tensor x = f32(new double[] {0.5, 2}, 2).requireGrad();
    Tensor w = f32(new double[] {1, 1}, 2).requireGrad();
    Tensor loss = x.trigamma().add(w.mul(3.0)).sum();
    assertThatThrownBy(loss::backward).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("TRIGAMMA has no gradient rule");
    assertThat(w.grad()).as("w's gradient was computed before the failing node, and must not be kept").isNull();
    assertThat(x.grad()).isNull();
    x.detach().trigamma().add(w.mul(3.0)).sum().backward();
    assertThat(w.grad().toDoubleArray()).containsExactly(3, 3);
  }

  @Test
  void aSecondBackwardOverTheSameGraphFailsInsteadOfDoublingTheGradients() {
    Tensor x = f32(new double[] {1, -2, 3}, 3).requireGrad();
    Tensor loss = x.square().sum();
    loss.backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(2, -4, 6);
    assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was freed by an earlier backward pass")
        .hasMessageContaining("retainGraph");
    assertThat(x.grad().toDoubleArray()).as("the refused pass added nothing").containsExactly(2, -4, 6);

    Tensor shared = x.exp();
    Tensor first = shared.sum();
    Tensor second = shared.mul(2.0).sum();
    first.backward();
    assertThatThrownBy(second::backward).as("another loss through the freed part of the graph")
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("the graph through the EXP result");
  }

  @Test
  void retainGraphLetsABackwardPassRepeatAndAccumulate() {
    Tensor x = f32(new double[] {1, -2, 3}, 3).requireGrad();
    Tensor loss = x.square().sum();
    loss.backward(true);
    loss.backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(4, -8, 12);
    assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class);
    Tensor again = x.square().sum();
    again.backward();
    assertThat(x.grad().toDoubleArray()).as("a new forward pass accumulates as before").containsExactly(6, -12, 18);
  }

  @Test
  void detachAndNoGradStopTheGradient() {
    Tensor x = f32(new double[] {1, 2}, 2).requireGrad();
    Tensor y = x.mul(x.detach()).sum();
    y.backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(1, 2);
    try (NoGrad ignored = NoGrad.enter()) {
      assertThat(x.exp().requiresGrad()).isFalse();
    }
    assertThat(x.exp().requiresGrad()).isTrue();
  }

  @Test
  void broadcastGradientIsReducedToTheInputShape() {
    Tensor bias = f32(new double[] {0, 0, 0}, 1, 3).requireGrad();
    Tensor x = f().ones(Shape.of(4, 3), DType.FLOAT32);
    x.add(bias).sum().backward();
    assertThat(bias.grad().shape()).isEqualTo(Shape.of(1, 3));
    assertThat(bias.grad().toDoubleArray()).containsExactly(4, 4, 4);
  }

  @Test
  void backwardOnANonScalarWithoutSeedSaysSo() {
    Tensor x = f32(new double[] {1, 2, 3, 4}, 2, 2).requireGrad();
    assertThatThrownBy(() -> x.exp().backward())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("backward: tensor of shape (2, 2) is not a scalar")
        .hasMessageContaining("backward(seed)");
  }

  @Test
  void shapeMismatchNamesTheOpAndBothShapes() {
    Tensor a = f().zeros(Shape.of(128, 784), DType.FLOAT32);
    Tensor b = f().zeros(Shape.of(400, 20), DType.FLOAT32);
    assertThatThrownBy(() -> a.matmul(b)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matmul: shapes (128, 784) and (400, 20) do not align on 784 vs 400");
    Tensor c = f().zeros(Shape.of(3, 4), DType.FLOAT32);
    Tensor d = f().zeros(Shape.of(5), DType.FLOAT32);
    assertThatThrownBy(() -> c.add(d)).hasMessageContaining("add: shapes (3, 4) and (5) do not broadcast");
    Tensor e = f().zeros(Shape.of(3, 4), DType.FLOAT64);
    assertThatThrownBy(() -> c.mul(e)).hasMessageContaining("mul: dtypes FLOAT32 (3, 4) and FLOAT64 (3, 4) differ");
  }

  @Test
  void scopeClosesWhatItMadeAndKeepsWhatWasKept() {
    Tensor outside = f32(new double[] {1, 2}, 2);
    Tensor kept;
    Tensor temporary;
    try (Scope s = Scope.open()) {
      temporary = outside.exp();
      kept = temporary.add(1.0).keep();
      assertThat(s.size()).isGreaterThanOrEqualTo(2);
    }
    assertThat(temporary.isClosed()).isTrue();
    assertThat(kept.isClosed()).isFalse();
    assertThat(outside.isClosed()).isFalse();
    assertThat(kept.toDoubleArray()[0]).isCloseTo(Math.E + 1, within(1e-5));
    assertThatThrownBy(temporary::toFloatArray).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was closed");
  }

  @Test
  void nestedScopesKeepIntoTheParent() {
    Tensor survivor;
    try (Scope outer = Scope.open()) {
      try (Scope inner = Scope.open()) {
        survivor = f32(new double[] {3}, 1).keep();
      }
      assertThat(survivor.isClosed()).isFalse();
      assertThat(outer.size()).isEqualTo(1);
    }
    assertThat(survivor.isClosed()).isTrue();
  }

  @Test
  void gradientsOfParametersOutliveTheStepScope() {
    Tensor w = f32(new double[] {0.5, -0.5}, 2).requireGrad();
    try (Scope step = Scope.open()) {
      w.mul(3.0).sum().backward();
    }
    assertThat(w.grad().isClosed()).isFalse();
    assertThat(w.grad().toDoubleArray()).containsExactly(3, 3);
  }

  @Test
  void assignUpdatesALeafInPlace() {
    Tensor w = f32(new double[] {1, 2}, 2).requireGrad();
    try (Scope step = Scope.open(); NoGrad ignored = NoGrad.enter()) {
      w.assign(w.mul(2.0));
    }
    assertThat(w.toDoubleArray()).containsExactly(2, 4);
    assertThat(w.requiresGrad()).isTrue();
  }

  /** Makes a tensor no scope owns and drops it: only its buffer is returned. */
  private Buffer unreachableTensorsBuffer() {
    Tensor t = f().zeros(Shape.of(256, 1024), DType.FLOAT32);
    return TapeTensor.of(t).buffer();
  }

  @Test
  void theSafetyNetFreesAnUnreachableTensorThatNoScopeOwns() throws InterruptedException {
    long caughtBefore = UnclosedTensors.caught();
    Buffer buffer = unreachableTensorsBuffer();
    for (int i = 0; i < 200 && !buffer.isClosed(); i++) {
      System.gc();
      Thread.sleep(25);
    }
    assertThat(buffer.isClosed()).as("the buffer of an unreachable, unclosed, unscoped tensor").isTrue();
    assertThat(UnclosedTensors.caught()).isGreaterThan(caughtBefore);
  }

  @Test
  void theSafetyNetLeavesTensorsThatAScopeOwnsToTheScope() throws InterruptedException {
    Buffer buffer;
    try (Scope s = Scope.open()) {
      buffer = unreachableTensorsBuffer();
      System.gc();
      Thread.sleep(25);
      assertThat(buffer.isClosed()).as("owned by the open scope").isFalse();
    }
    assertThat(buffer.isClosed()).as("closed by the scope").isTrue();
  }

  /** Operations whose result equals their input: each must still return a new tensor. */
  enum IdentityOp {
    RESHAPE_TO_THE_SAME_SHAPE { Tensor apply(Tensor x) { return x.reshape(x.shape()); } },
    RESHAPE_TO_THE_SAME_DIMS { Tensor apply(Tensor x) { return x.reshape(2, -1); } },
    EXPAND_TO_THE_SAME_SHAPE { Tensor apply(Tensor x) { return x.expand(x.shape()); } },
    CAST_TO_THE_SAME_DTYPE { Tensor apply(Tensor x) { return x.cast(x.dtype()); } },
    POW_ONE { Tensor apply(Tensor x) { return x.pow(1.0); } },
    SUM_OVER_NO_AXES { Tensor apply(Tensor x) { return x.sum(new int[0], false); } },
    FLATTEN_THE_LAST_AXIS { Tensor apply(Tensor x) { return x.flatten(1); } };

    abstract Tensor apply(Tensor x);
  }

  @ParameterizedTest
  @EnumSource(IdentityOp.class)
  void identityResultsAreNewTensorsClosedIndependently(IdentityOp op) {
    double[] values = {1, -2, 3.5, 4, 0, 6};
    Tensor x = f32(values, 2, 3);
    try (Tensor y = op.apply(x)) {
      assertThat(y).as("%s returns a new tensor", op).isNotSameAs(x);
      assertThat(y.toDoubleArray()).containsExactly(values);
    }
    assertThat(x.isClosed()).as("closing the result of %s leaves its input open", op).isFalse();
    assertThat(x.toDoubleArray()).containsExactly(values);
    Tensor z = op.apply(x);
    x.close();
    assertThat(z.isClosed()).as("closing the input leaves the result of %s open", op).isFalse();
    assertThat(z.toDoubleArray()).containsExactly(values);
    z.close();

    Tensor w = f32(values, 2, 3).requireGrad();
    Tensor out = op.apply(w);
    assertThat(out.requiresGrad()).isTrue();
    out.mul(2.0).sum().backward();
    assertThat(w.grad().toDoubleArray()).as("the gradient passes through %s", op).containsOnly(2.0);
  }

  /** Two-layer MLP on a synthetic two-class problem, plain gradient descent: the loss must fall by 5x. */
  @Test
  void aTwoLayerMlpLearnsBySteepestDescent() {
    PhiloxStream rng = PhiloxStream.seeded(2024);
    int n = 256;
    Tensor x = RandomTensors.normal(f(), rng, Shape.of(n, 2), DType.FLOAT32);
    double[] xs = x.toDoubleArray();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = xs[2 * i] * xs[2 * i + 1] > 0 ? 1 : 0; // XOR-like quadrants: needs the hidden layer
    }
    Tensor y = f().of(labels, Shape.of(n));
    Tensor w1 = RandomTensors.normal(f(), rng, Shape.of(16, 2), DType.FLOAT32).mul(0.5).requireGrad();
    Tensor b1 = f().zeros(Shape.of(16), DType.FLOAT32).requireGrad();
    Tensor w2 = RandomTensors.normal(f(), rng, Shape.of(2, 16), DType.FLOAT32).mul(0.5).requireGrad();
    Tensor b2 = f().zeros(Shape.of(2), DType.FLOAT32).requireGrad();
    Tensor[] params = {w1, b1, w2, b2};
    double first = 0;
    double last = 0;
    for (int step = 0; step < 400; step++) {
      try (Scope s = Scope.open()) {
        Tensor hidden = Functions.linear(x, w1, b1).tanh();
        Tensor loss = Functions.crossEntropy(Functions.linear(hidden, w2, b2), y);
        loss.backward();
        if (step == 0) {
          first = loss.item();
        }
        last = loss.item();
        try (NoGrad ignored = NoGrad.enter()) {
          for (Tensor p : params) {
            p.assign(p.sub(p.grad().mul(0.5)));
            p.zeroGrad();
          }
        }
      }
    }
    assertThat(first).isGreaterThan(0.6);
    assertThat(last).as("loss after 400 steps, from %s", first).isLessThan(first / 5);
  }
}
