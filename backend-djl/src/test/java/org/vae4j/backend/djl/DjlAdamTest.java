package org.vae4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.AdamStep;
import org.vae4j.api.spi.Buffer;

/**
 * The fused Adam update on both of its paths (libtorch's {@code _fused_adam_} through {@link TorchScriptOps},
 * and DJL's update or the composed FLOAT64 formulas where that module cannot load) against {@link AdamStep}'s
 * formulas, in FLOAT32 and FLOAT64.
 */
class DjlAdamTest {

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void bothPathsComputeTheAdamStepFormulas(boolean libtorchOps) {
    DjlKernels k = libtorchOps ? DjlTestKernels.cpu() : DjlTestKernels.cpuWithoutLibtorchOps();
    int n = 1000;
    double[] p = KernelsTestBase.values(1, n, -1, 1);
    double[] g = KernelsTestBase.values(2, n, -1, 1);
    double[] m = KernelsTestBase.values(3, n, -0.1, 0.1);
    double[] v = KernelsTestBase.values(4, n, 0, 0.01);
    AdamStep step = new AdamStep(1e-2, 0.9, 0.999, 1e-8, 7);
    double[] pWant = new double[n];
    double[] mWant = new double[n];
    double[] vWant = new double[n];
    for (int i = 0; i < n; i++) {
      mWant[i] = step.beta1() * m[i] + (1 - step.beta1()) * g[i];
      vWant[i] = step.beta2() * v[i] + (1 - step.beta2()) * g[i] * g[i];
      pWant[i] = p[i] - step.stepSize() * mWant[i] / (Math.sqrt(vWant[i]) / step.biasCorrection2Sqrt() + step.eps());
    }
    Shape shape = Shape.of(n);
    try (Buffer pb = k.fromDoubles(p, shape); Buffer gb = k.fromDoubles(g, shape); Buffer mb = k.fromDoubles(m, shape);
        Buffer vb = k.fromDoubles(v, shape)) {
      Buffer out = k.adamUpdate(pb, gb, mb, vb, step);
      assertThat(k.toDoubles(out)).as("p'").containsExactly(pWant, within(1e-14));
      assertThat(k.toDoubles(mb)).as("m'").containsExactly(mWant, within(1e-15));
      assertThat(k.toDoubles(vb)).as("v'").containsExactly(vWant, within(1e-15));
      assertThat(k.toDoubles(gb)).as("g is only read").containsExactly(g);
    }
    try (Buffer pb = k.fromFloats(KernelsTestBase.floats(p), shape); Buffer gb = k.fromFloats(KernelsTestBase.floats(g), shape);
        Buffer mb = k.fromFloats(KernelsTestBase.floats(m), shape); Buffer vb = k.fromFloats(KernelsTestBase.floats(v), shape)) {
      float[] got = k.toFloats(k.adamUpdate(pb, gb, mb, vb, step));
      for (int i = 0; i < n; i++) {
        assertThat((double) got[i]).as("p'[%d] in FLOAT32", i).isCloseTo(pWant[i], within(2e-6));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aStridedGradientIsReadInItsLogicalOrder(boolean libtorchOps) {
    DjlKernels k = libtorchOps ? DjlTestKernels.cpu() : DjlTestKernels.cpuWithoutLibtorchOps();
    double[] gT = KernelsTestBase.values(5, 6, -1, 1);
    AdamStep step = new AdamStep(1e-2, 0.9, 0.999, 1e-8, 1);
    try (Buffer stored = k.fromDoubles(gT, Shape.of(3, 2)); Buffer g = k.permute(stored, new int[] {1, 0});
        Buffer gDense = k.fromDoubles(k.toDoubles(g), Shape.of(2, 3));
        Buffer p1 = k.full(Shape.of(2, 3), org.vae4j.api.DType.FLOAT64, 0.5);
        Buffer p2 = k.full(Shape.of(2, 3), org.vae4j.api.DType.FLOAT64, 0.5);
        Buffer m1 = k.full(Shape.of(2, 3), org.vae4j.api.DType.FLOAT64, 0);
        Buffer m2 = k.full(Shape.of(2, 3), org.vae4j.api.DType.FLOAT64, 0);
        Buffer v1 = k.full(Shape.of(2, 3), org.vae4j.api.DType.FLOAT64, 0);
        Buffer v2 = k.full(Shape.of(2, 3), org.vae4j.api.DType.FLOAT64, 0)) {
      double[] fromView = k.toDoubles(k.adamUpdate(p1, g, m1, v1, step));
      double[] fromDense = k.toDoubles(k.adamUpdate(p2, gDense, m2, v2, step));
      assertThat(fromView).containsExactly(fromDense);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void inOneCallAParameterThatMayShareItsStorageGetsAnUpdatedCloneAndTheOthersAreUpdatedInPlace(
      boolean libtorchOps) {
    DjlKernels k = libtorchOps ? DjlTestKernels.cpu() : DjlTestKernels.cpuWithoutLibtorchOps();
    AdamStep step = new AdamStep(1e-2, 0.9, 0.999, 1e-8, 3);
    double[] start = KernelsTestBase.values(6, 6, -1, 1);
    double[] grad = KernelsTestBase.values(7, 6, -1, 1);
    try (Buffer stored = k.fromDoubles(start, Shape.of(2, 3)); Buffer shared = k.reshape(stored, Shape.of(6));
        Buffer own = k.fromDoubles(start, Shape.of(6)); Buffer g = k.fromDoubles(grad, Shape.of(6));
        Buffer m1 = k.full(Shape.of(6), org.vae4j.api.DType.FLOAT64, 0);
        Buffer m2 = k.full(Shape.of(6), org.vae4j.api.DType.FLOAT64, 0);
        Buffer v1 = k.full(Shape.of(6), org.vae4j.api.DType.FLOAT64, 0);
        Buffer v2 = k.full(Shape.of(6), org.vae4j.api.DType.FLOAT64, 0)) {
      java.util.List<Buffer> out = k.adamUpdates(java.util.List.of(shared, own), java.util.List.of(g, g),
          java.util.List.of(m1, m2), java.util.List.of(v1, v2), step);
      try (Buffer clone = out.get(0)) {
        assertThat(clone).isNotSameAs(shared);
        assertThat(out.get(1)).isSameAs(own);
        assertThat(k.toDoubles(stored)).as("the shared storage keeps its values").containsExactly(start);
        assertThat(k.toDoubles(clone)).containsExactly(k.toDoubles(own));
        assertThat(k.toDoubles(own)).isNotEqualTo(start);
      }
    }
  }
}
