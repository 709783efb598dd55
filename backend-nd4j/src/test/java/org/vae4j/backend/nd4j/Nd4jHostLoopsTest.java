package org.vae4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
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

  static Stream<Arguments> adamCases() {
    return Stream.of(DataType.FLOAT, DataType.DOUBLE).flatMap(type -> Stream.of(5000, 200_003)
        .map(n -> Arguments.of(type, n)));
  }

  /** 200,003 elements run in two halves, the upper one on the common fork-join pool. */
  @ParameterizedTest
  @MethodSource("adamCases")
  void adamLoopAgreesWithLibnd4jsUpdater(DataType type, int n) {
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

  /** Below and above the size from which the sum runs in two halves, FLOAT32 and FLOAT64. */
  @ParameterizedTest
  @ValueSource(ints = {3, 65_535, 200_003})
  void sumOfSquaresAgreesWithADoubleSumOfRoundedSquares(int n) {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      INDArray x = random(type, n, n, 1);
      double[] values = x.toDoubleVector();
      double exact = 0;
      for (double v : values) {
        exact += type == DataType.FLOAT ? (double) ((float) v * (float) v) : v * v;
      }
      assertThat(Nd4jHostLoops.sumOfSquares(x, Shape.of(n))).as("%s, %d elements", type, n)
          .isCloseTo(exact, within(Math.abs(exact) * 1e-13));
    }
  }

  static Stream<int[]> axes() {
    return Stream.of(new int[] {0}, new int[] {1}, new int[] {2}, new int[] {0, 1}, new int[] {-1, 1},
        new int[] {0, 2}, new int[] {0, 1, 2});
  }

  /** Every pattern of axes takes the host loop, accumulated in FLOAT64, as libnd4j's FLOAT64 reduce_sum. */
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

  static Stream<int[]> separatedAxes() {
    return Stream.of(new int[] {0, 2, 3}, new int[] {1, 3}, new int[] {0, 3}, new int[] {0, 2});
  }

  /** Reduced axes that are not one run (a bias gradient's (0, 2, 3) of NCHW) agree with a double sum. */
  @ParameterizedTest
  @MethodSource("separatedAxes")
  void separatedAxisSumsAgreeWithADoubleSumRoundedOnce(int[] axes) {
    Shape shape = Shape.of(9, 5, 7, 11);
    INDArray x = random(DataType.FLOAT, shape.sizeAsInt(), 12, 1).reshape(9, 5, 7, 11);
    float[] values = x.reshape(x.length()).toFloatVector();
    boolean[] reduced = new boolean[4];
    for (int a : axes) {
      reduced[a] = true;
    }
    Shape kept = Nd4jShapes.reduced(shape, axes, false);
    double[] want = new double[kept.sizeAsInt()];
    int[] strides = shape.strides();
    for (int i = 0; i < values.length; i++) {
      int out = 0;
      for (int d = 0; d < 4; d++) {
        if (!reduced[d]) {
          out = out * shape.dim(d) + (i / strides[d]) % shape.dim(d);
        }
      }
      want[out] += values[i];
    }
    float[] got = Nd4jHostLoops.sumOverAxes(x, shape, axes);
    assertThat(got).hasSize(want.length);
    for (int i = 0; i < want.length; i++) {
      assertThat(got[i]).as("sum %d", i).isEqualTo((float) want[i], within(Math.ulp((float) want[i])));
    }
  }

  @Test
  void allAtLeastSeesEveryElementAndNaNAndDeclinesViews() {
    INDArray x = Nd4j.createFromArray(new float[] {0f, -79f, 5f, 3f});
    assertThat(Nd4jHostLoops.allAtLeast(x, Shape.of(4), -80f)).isTrue();
    x.putScalar(3, Float.NaN);
    assertThat(Nd4jHostLoops.allAtLeast(x, Shape.of(4), -80f)).isFalse();
    x.putScalar(3, -81f);
    assertThat(Nd4jHostLoops.allAtLeast(x, Shape.of(4), -80f)).isFalse();
    INDArray view = Nd4j.createFromArray(new float[] {-100f, 1f, 2f}).get(NDArrayIndex.interval(1, 3));
    assertThat(Nd4jHostLoops.allAtLeast(view, Shape.of(2), -80f)).as("a view takes the safe path").isFalse();
  }

  private static double[] flat(INDArray a) {
    return a.reshape(a.length()).toDoubleVector();
  }
}
