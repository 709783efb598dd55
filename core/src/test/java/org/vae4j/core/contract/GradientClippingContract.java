package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.optim.GradientClipping;

/** Global-norm clipping as PyTorch's clip_grad_norm_: the norm of all gradients together, scaled once. */
@SuppressWarnings("try") // scopes and NoGrad blocks are used for their effect, not referenced
public abstract class GradientClippingContract extends BackendTestSupport {

  @Test
  void clipsTheGlobalNormAndReturnsItsValueBefore() {
    Tensor a = f().zeros(Shape.of(2), DType.FLOAT32).requireGrad();
    Tensor b = f().zeros(Shape.of(1), DType.FLOAT32).requireGrad();
    Tensor unused = f().zeros(Shape.of(1), DType.FLOAT32).requireGrad();
    try (Scope s = Scope.open()) {
      // gradients (3, 0) and (4): global norm 5
      a.mul(f().of(new double[] {3, 0}, Shape.of(2), DType.FLOAT32)).sum()
          .add(b.mul(f().of(new double[] {4}, Shape.of(1), DType.FLOAT32)).sum()).backward();
    }
    double norm = GradientClipping.clipByGlobalNorm(List.of(a, b, unused), 1.0);
    assertThat(norm).isCloseTo(5.0, within(1e-6));
    double scale = 1.0 / (5.0 + 1e-6);
    assertThat(a.grad().toDoubleArray()).containsExactly(new double[] {3 * scale, 0}, within(1e-6));
    assertThat(b.grad().toDoubleArray()[0]).isCloseTo(4 * scale, within(1e-6));
    assertThat(GradientClipping.globalNorm(List.of(a, b))).isCloseTo(1.0, within(1e-5));
    assertThat(unused.grad()).isNull();
    a.close();
    b.close();
    unused.close();
  }

  @Test
  void leavesGradientsBelowTheLimitUntouched() {
    Tensor a = f().zeros(Shape.of(2), DType.FLOAT32).requireGrad();
    try (Scope s = Scope.open()) {
      a.mul(f().of(new double[] {0.3, -0.4}, Shape.of(2), DType.FLOAT32)).sum().backward();
    }
    float[] before = a.grad().toFloatArray();
    assertThat(GradientClipping.clipByGlobalNorm(List.of(a), 1.0)).isCloseTo(0.5, within(1e-6));
    assertThat(a.grad().toFloatArray()).containsExactly(before);
    a.close();
  }

  @Test
  void reportsANonFiniteNormWithoutScaling() {
    Tensor a = f().zeros(Shape.of(2), DType.FLOAT32).requireGrad();
    try (Scope s = Scope.open()) {
      a.mul(f().of(new double[] {Double.NaN, 1}, Shape.of(2), DType.FLOAT32)).sum().backward();
    }
    assertThat(GradientClipping.clipByGlobalNorm(List.of(a), 1.0)).isNaN();
    assertThat(a.grad().toDoubleArray()[1]).isEqualTo(1.0);
    a.close();
  }
}
