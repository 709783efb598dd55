package org.vae4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.api.spi.Kernels;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;
import org.vae4j.backend.pure.PureBackendProvider;

/**
 * Every kernel of the djl backend against backend-pure, the reference, on the same random inputs in FLOAT32
 * and FLOAT64: elements agree to a relative 2e-5 (FLOAT32) or 1e-11 (FLOAT64) of max(1, |pure|); NaN and
 * infinities exactly.
 */
class DjlAgreesWithPureTest {
  private static final Kernels PURE = new PureBackendProvider().create().kernels(Device.CPU);
  private final Kernels djl = DjlTestKernels.cpu();
  private final Random random = new Random(2026);

  /** Values and a shape, uploaded as FLOAT32, FLOAT64 or (when {@code ints}) INT32. */
  private record Input(double[] values, Shape shape, boolean ints) {
    Buffer on(Kernels k, DType dtype) {
      if (ints) {
        return k.fromInts(Arrays.stream(values).mapToInt(v -> (int) v).toArray(), shape);
      }
      if (dtype == DType.FLOAT64) {
        return k.fromDoubles(values, shape);
      }
      return k.fromFloats(KernelsTestBase.floats(values), shape);
    }
  }

  private Input uniform(double low, double high, int... shape) {
    double[] v = new double[Shape.of(shape).sizeAsInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = low + (high - low) * random.nextDouble();
    }
    return new Input(v, Shape.of(shape), false);
  }

  private Input indices(int bound, int... shape) {
    double[] v = new double[Shape.of(shape).sizeAsInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextInt(bound);
    }
    return new Input(v, Shape.of(shape), true);
  }

  private void agree(String what, DType dtype, BiFunction<Kernels, Buffer[], Buffer> op, Input... inputs) {
    double[] expected = run(PURE, dtype, op, inputs);
    double[] actual = run(djl, dtype, op, inputs);
    double rel = dtype == DType.FLOAT32 ? 2e-5 : 1e-11;
    assertThat(actual).as("%s %s: size", what, dtype).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      if (Double.isNaN(e)) {
        assertThat(a).as("%s %s: element %d", what, dtype, i).isNaN();
      } else if (Double.isInfinite(e)) {
        assertThat(a).as("%s %s: element %d", what, dtype, i).isEqualTo(e);
      } else {
        assertThat(Math.abs(a - e)).as("%s %s: element %d is %s, pure gives %s", what, dtype, i, a, e)
            .isLessThanOrEqualTo(rel * Math.max(1, Math.abs(e)));
      }
    }
  }

  private static double[] run(Kernels k, DType dtype, BiFunction<Kernels, Buffer[], Buffer> op, Input[] inputs) {
    List<Buffer> made = new ArrayList<>();
    try {
      for (Input in : inputs) {
        made.add(in.on(k, dtype));
      }
      try (Buffer out = op.apply(k, made.toArray(new Buffer[0]))) {
        return k.toDoubles(out);
      }
    } finally {
      made.forEach(Buffer::close);
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void unaryOpsOnRandomInputsAndInTheTails(DType dtype) {
    for (UnaryOp op : UnaryOp.values()) {
      Input x = switch (op) {
        case LOG, SQRT, RECIPROCAL -> uniform(1e-3, 40, 6, 11);
        case LGAMMA, DIGAMMA, TRIGAMMA -> uniform(0.02, 40, 6, 11);
        case LOG1P -> uniform(-0.95, 40, 6, 11);
        default -> uniform(-25, 25, 6, 11);
      };
      agree(op.name(), dtype, (k, in) -> k.unary(op, in[0]), x);
    }
    Input tails = new Input(new double[] {-100, -30, -1e-7, 0, 1e-7, 30, 100}, Shape.of(7), false);
    for (UnaryOp op : new UnaryOp[] {UnaryOp.SIGMOID, UnaryOp.SOFTPLUS, UnaryOp.TANH, UnaryOp.EXPM1,
        UnaryOp.LOG1P, UnaryOp.RELU, UnaryOp.SIGN, UnaryOp.ABS}) {
      agree(op + " in the tails", dtype, (k, in) -> k.unary(op, in[0]), tails);
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void binaryOpsAndWhereUnderBroadcasting(DType dtype) {
    for (BinaryOp op : BinaryOp.values()) {
      Input a = op == BinaryOp.POW ? uniform(0.1, 3, 2, 1, 6) : uniform(-3, 3, 2, 1, 6);
      Input b = uniform(-3, 3, 5, 1);
      agree(op.name(), dtype, (k, in) -> k.binary(op, in[0], in[1]), a, b);
    }
    agree("where", dtype, (k, in) -> k.where(in[0], in[1], in[2]), indices(3, 4, 1), uniform(-1, 1, 2, 4, 6),
        uniform(-1, 1, 6));
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void reductionsAndArgReductions(DType dtype) {
    Input x = uniform(-5, 5, 5, 6, 7);
    for (ReduceOp op : ReduceOp.values()) {
      for (int[] axes : new int[][] {{0}, {1}, {2}, {0, 2}, {1, 2}, {0, 1, 2}}) {
        for (boolean keep : new boolean[] {true, false}) {
          agree(op + " over " + Arrays.toString(axes) + " keep " + keep, dtype,
              (k, in) -> k.reduce(op, in[0], axes, keep), x);
        }
      }
      if (op != ReduceOp.SUM) {
        for (int axis = 0; axis < 3; axis++) {
          int a = axis;
          agree("arg" + op + " along " + a, dtype, (k, in) -> k.argReduce(op, in[0], a), x);
        }
        Input ties = new Input(indices(3, 8, 9).values(), Shape.of(8, 9), false);
        agree("arg" + op + " with ties", dtype, (k, in) -> k.argReduce(op, in[0], 1), ties);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void movementGatherAndScatter(DType dtype) {
    Input x = uniform(-5, 5, 3, 4, 5);
    agree("reshape", dtype, (k, in) -> k.reshape(in[0], Shape.of(10, 6)), x);
    agree("permute", dtype, (k, in) -> k.permute(in[0], new int[] {2, 0, 1}), x);
    agree("expand", dtype, (k, in) -> k.expand(in[0], Shape.of(3, 4, 2, 5)), uniform(-1, 1, 4, 1, 5));
    agree("slice", dtype, (k, in) -> k.slice(in[0], new int[] {0, 1, 2}, new int[] {2, 4, 5}), x);
    agree("pad", dtype, (k, in) -> k.pad(in[0], new int[] {2, 0, 1}, new int[] {1, 2, 0}, 0.75), x);
    agree("concat", dtype, (k, in) -> k.concat(List.of(in[0], in[1], in[0]), 2), x, uniform(-1, 1, 3, 4, 2));
    agree("cast to INT32", dtype, (k, in) -> k.cast(in[0], DType.INT32), x);
    agree("cast to the other float type", dtype,
        (k, in) -> k.cast(in[0], dtype == DType.FLOAT32 ? DType.FLOAT64 : DType.FLOAT32), x);
    for (int axis = 0; axis < 3; axis++) {
      int a = axis;
      Input index = indices(new int[] {3, 4, 5}[axis], 3, 3, 4);
      agree("gather along " + a, dtype, (k, in) -> k.gather(in[0], a, in[1]), x, index);
      agree("scatterAdd along " + a, dtype, (k, in) -> k.scatterAdd(Shape.of(3, 4, 5), a, in[0], in[1]), index,
          uniform(-1, 1, 3, 3, 4));
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void matmulAndConvolutions(DType dtype) {
    agree("matmul", dtype, (k, in) -> k.matmul(in[0], in[1], false, false), uniform(-1, 1, 31, 70),
        uniform(-1, 1, 70, 19));
    agree("matmul batched, both transposed", dtype, (k, in) -> k.matmul(in[0], in[1], true, true),
        uniform(-1, 1, 3, 1, 8, 5), uniform(-1, 1, 2, 7, 8));
    for (Conv2dSpec spec : new Conv2dSpec[] {Conv2dSpec.of(1, 1), new Conv2dSpec(2, 3, 2, 0, 1, 2)}) {
      Input image = uniform(-1, 1, 2, 3, 12, 11);
      Input weight = uniform(-1, 1, 5, 3, 3, 2);
      Input grad = uniform(-1, 1, 2, 5, spec.outH(12, 3), spec.outW(11, 2));
      agree("conv2d " + spec, dtype, (k, in) -> k.conv2d(in[0], in[1], spec), image, weight);
      agree("conv2dBackwardInput " + spec, dtype,
          (k, in) -> k.conv2dBackwardInput(in[0], in[1], Shape.of(2, 3, 12, 11), spec), grad, weight);
      agree("conv2dBackwardWeight " + spec, dtype,
          (k, in) -> k.conv2dBackwardWeight(in[0], in[1], Shape.of(5, 3, 3, 2), spec), image, grad);
    }
  }
}
