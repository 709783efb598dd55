package org.vae4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.AdamStep;
import org.vae4j.api.spi.ReduceOp;

/**
 * The CPU's host loops against the libnd4j ops they replace there (and that the CUDA build still runs):
 * Adam against {@code adam_updater}, FLOAT32 sums against a FLOAT64 {@code reduce_sum}, on sizes that end
 * inside a block and on several blocks.
 */
class Nd4jHostLoopsTest {
  static {
    Nd4jTestKernels.kernels();
  }

  private static INDArray random(DataType type, int n, long seed, double scale) {
    Random r = new Random(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = r.nextGaussian() * scale;
    }
    return Nd4j.create(values, new long[] {n}, DataType.DOUBLE).castTo(type);
  }

  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
  void adamLoopAgreesWithLibnd4jsUpdater(DataType type) {
    int n = 5000;
    Shape shape = Shape.of(n);
    INDArray p = random(type, n, 1, 1);
    INDArray g = random(type, n, 2, 1);
    INDArray m1 = random(type, n, 3, 0.1);
    INDArray v1 = random(type, n, 4, 0.1);
    INDArray v2 = Nd4j.createUninitialized(type, n);
    v1.muli(v1);
    v2.assign(v1);
    INDArray m2 = m1.dup();
    AdamStep step = new AdamStep(0.01, 0.9, 0.999, 1e-8, 7);
    try (INDArray host = Nd4jHostLoops.adamUpdate(p, g, m1, v1, step, shape);
        INDArray lib = Nd4jFused.adamUpdateOnLibnd4j(p, g, m2, v2, step, shape)) {
      double tol = type == DataType.FLOAT ? 1e-5 : 1e-12;
      assertThat(host.toDoubleVector()).containsExactly(lib.toDoubleVector(), within(tol));
      assertThat(m1.toDoubleVector()).containsExactly(m2.toDoubleVector(), within(tol));
      assertThat(v1.toDoubleVector()).containsExactly(v2.toDoubleVector(), within(tol));
      assertThat(host.toDoubleVector()).isNotEqualTo(p.toDoubleVector());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 2048, 10_001})
  void fullFloatSumAgreesWithDoubleReduceSum(int n) {
    INDArray x = random(DataType.FLOAT, n, n, 1).addi(0.1);
    double exact;
    try (INDArray wide = x.castTo(DataType.DOUBLE)) {
      exact = wide.sumNumber().doubleValue();
    }
    assertThat(Nd4jHostLoops.sumOverAxes(x, Shape.of(n), new int[] {0})).containsExactly((float) exact);
    try (INDArray viaKernel = Nd4jReductions.reduce(ReduceOp.SUM, x.reshape(1, n), Shape.of(1, n),
        new int[] {0, 1}, true, Shape.of(1, 1))) {
      assertThat(viaKernel.shape()).containsExactly(1, 1);
      assertThat(viaKernel.getDouble(0)).isEqualTo((double) (float) exact);
    }
  }

  static Stream<int[]> axes() {
    return Stream.of(new int[] {0}, new int[] {1}, new int[] {2}, new int[] {0, 1}, new int[] {-1, 1},
        new int[] {0, 2}, new int[] {0, 1, 2});
  }

  /** Adjacent axes take the host loop, others ({0, 2}) libnd4j's reduce_sum; both in FLOAT64 inside. */
  @ParameterizedTest
  @MethodSource("axes")
  void axisSumsAgreeWithDoubleReduceSum(int[] axes) {
    Shape shape = Shape.of(6, 700, 5);
    INDArray x = random(DataType.FLOAT, shape.sizeAsInt(), 9, 1).reshape(6, 700, 5);
    Shape kept = Nd4jShapes.reduced(shape, axes, true);
    Shape dropped = Nd4jShapes.reduced(shape, axes, false);
    int[] positive = java.util.Arrays.stream(axes).map(shape::normalizeAxis).toArray();
    try (INDArray wide = x.castTo(DataType.DOUBLE);
        INDArray expected = wide.sum(true, positive).castTo(DataType.FLOAT);
        INDArray keep = Nd4jReductions.reduce(ReduceOp.SUM, x, shape, axes, true, kept);
        INDArray drop = Nd4jReductions.reduce(ReduceOp.SUM, x, shape, axes, false, dropped)) {
      assertThat(keep.shape()).containsExactly(java.util.Arrays.stream(kept.dims()).asLongStream().toArray());
      assertThat(drop.shape()).containsExactly(java.util.Arrays.stream(dropped.dims()).asLongStream().toArray());
      assertThat(flat(keep)).containsExactly(flat(expected), within(1e-4));
      assertThat(flat(drop)).containsExactly(flat(expected), within(1e-4));
    }
  }

  private static double[] flat(INDArray a) {
    return a.reshape(a.length()).toDoubleVector();
  }
}
