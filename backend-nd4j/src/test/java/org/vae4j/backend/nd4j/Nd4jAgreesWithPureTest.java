package org.vae4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
 * Every kernel on random inputs, in FLOAT32 and FLOAT64, against backend-pure (the reference backend):
 * results agree to a relative {@code 2e-5} in FLOAT32 and {@code 1e-11} in FLOAT64.
 */
class Nd4jAgreesWithPureTest {
  private static final Kernels PURE = new PureBackendProvider().create().kernels(Device.CPU);
  private final Kernels nd4j = Nd4jTestKernels.kernels();
  private final Random random = new Random(7);

  /** An input: values and shape; INT32 when {@code ints}. */
  private record Input(double[] values, Shape shape, boolean ints) {
    Buffer on(Kernels k, DType dtype) {
      if (ints) {
        int[] v = new int[values.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = (int) values[i];
        }
        return k.fromInts(v, shape);
      }
      try (Buffer d = k.fromDoubles(values, shape)) {
        return k.cast(d, dtype);
      }
    }
  }

  private Input uniform(double low, double high, int... shape) {
    Shape s = Shape.of(shape);
    double[] v = new double[s.sizeAsInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = low + (high - low) * random.nextDouble();
    }
    return new Input(v, s, false);
  }

  private Input indices(int bound, int... shape) {
    Shape s = Shape.of(shape);
    double[] v = new double[s.sizeAsInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextInt(bound);
    }
    return new Input(v, s, true);
  }

  private void agree(String what, DType dtype, BiFunction<Kernels, Buffer[], Buffer> op, Input... inputs) {
    double[] expected = run(PURE, dtype, op, inputs, what);
    double[] actual = run(nd4j, dtype, op, inputs, what);
    double rel = dtype == DType.FLOAT32 ? 2e-5 : 1e-11;
    assertThat(actual).as("%s %s: size", what, dtype).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      if (Double.isNaN(e) || Double.isInfinite(e)) {
        assertThat(a).as("%s %s: element %d", what, dtype, i).isEqualTo(e);
      } else {
        assertThat(Math.abs(a - e)).as("%s %s: element %d is %s, pure gives %s", what, dtype, i, a, e)
            .isLessThanOrEqualTo(rel * Math.max(1, Math.abs(e)));
      }
    }
  }

  private static double[] run(Kernels k, DType dtype, BiFunction<Kernels, Buffer[], Buffer> op, Input[] inputs,
      String what) {
    List<Buffer> made = new ArrayList<>();
    try {
      for (Input in : inputs) {
        made.add(in.on(k, dtype));
      }
      try (Buffer out = op.apply(k, made.toArray(new Buffer[0]))) {
        assertThat(out.dtype()).as("%s on %s: dtype", what, k.backendName())
            .isIn(dtype, DType.INT32);
        return k.toDoubles(out);
      }
    } finally {
      made.forEach(Buffer::close);
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void unaryOps(DType dtype) {
    for (UnaryOp op : UnaryOp.values()) {
      Input x = switch (op) {
        case LOG, SQRT -> uniform(1e-3, 50, 7, 9);
        case LGAMMA, DIGAMMA, TRIGAMMA -> uniform(0.05, 30, 7, 9);
        case LOG1P -> uniform(-0.9, 30, 7, 9);
        default -> uniform(-30, 30, 7, 9);
      };
      agree(op.name(), dtype, (k, in) -> k.unary(op, in[0]), x);
    }
    Input extremes = new Input(new double[] {-100, -20, -1e-9, 0, 1e-9, 20, 100}, Shape.of(7), false);
    for (UnaryOp op : new UnaryOp[] {UnaryOp.SIGMOID, UnaryOp.SOFTPLUS, UnaryOp.TANH, UnaryOp.EXPM1}) {
      agree(op + " at extremes", dtype, (k, in) -> k.unary(op, in[0]), extremes);
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void binaryOpsAndWhere(DType dtype) {
    for (BinaryOp op : BinaryOp.values()) {
      Input a = op == BinaryOp.POW ? uniform(0.1, 3, 4, 1, 5) : uniform(-3, 3, 4, 1, 5);
      Input b = uniform(-3, 3, 3, 1);
      agree(op.name(), dtype, (k, in) -> k.binary(op, in[0], in[1]), a, b);
    }
    Input cond = indices(2, 3, 1);
    agree("where", dtype, (k, in) -> k.where(in[0], in[1], in[2]), cond, uniform(-1, 1, 4, 3, 5),
        uniform(-1, 1, 5));
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void reductions(DType dtype) {
    Input x = uniform(-5, 5, 6, 7, 8);
    for (ReduceOp op : ReduceOp.values()) {
      for (int[] axes : new int[][] {{0}, {1}, {2}, {0, 2}, {0, 1, 2}}) {
        agree(op + " over " + java.util.Arrays.toString(axes), dtype, (k, in) -> k.reduce(op, in[0], axes, true), x);
        agree(op + " over " + java.util.Arrays.toString(axes), dtype, (k, in) -> k.reduce(op, in[0], axes, false), x);
      }
      if (op != ReduceOp.SUM) {
        for (int axis = 0; axis < 3; axis++) {
          int a = axis;
          agree("arg" + op + " along " + axis, dtype, (k, in) -> k.argReduce(op, in[0], a), x);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void movement(DType dtype) {
    Input x = uniform(-5, 5, 3, 4, 5);
    agree("reshape", dtype, (k, in) -> k.reshape(in[0], Shape.of(5, 12)), x);
    agree("permute", dtype, (k, in) -> k.permute(in[0], new int[] {1, 2, 0}), x);
    agree("expand", dtype, (k, in) -> k.expand(in[0], Shape.of(2, 4, 3, 5)), uniform(-1, 1, 4, 1, 5));
    agree("slice", dtype, (k, in) -> k.slice(in[0], new int[] {1, 0, 2}, new int[] {3, 3, 5}), x);
    agree("pad", dtype, (k, in) -> k.pad(in[0], new int[] {1, 0, 2}, new int[] {0, 3, 1}, -2.5), x);
    agree("concat", dtype, (k, in) -> k.concat(List.of(in[0], in[1]), 1), x, uniform(-1, 1, 3, 2, 5));
    agree("cast to INT32 and back", dtype, (k, in) -> {
      try (Buffer i = k.cast(in[0], DType.INT32)) {
        return k.cast(i, dtype);
      }
    }, x);
    for (int axis = 0; axis < 3; axis++) {
      int a = axis;
      Input index = indices(new int[] {3, 4, 5}[axis], 2, 3, 4);
      agree("gather along " + axis, dtype, (k, in) -> k.gather(in[0], a, in[1]), x, index);
      agree("scatterAdd along " + axis, dtype, (k, in) -> k.scatterAdd(Shape.of(3, 4, 5), a, in[0], in[1]),
          index, uniform(-1, 1, 2, 3, 4));
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void matmulAndConvolutions(DType dtype) {
    agree("matmul", dtype, (k, in) -> k.matmul(in[0], in[1], false, false), uniform(-1, 1, 33, 65),
        uniform(-1, 1, 65, 17));
    agree("matmul batched, transposed", dtype, (k, in) -> k.matmul(in[0], in[1], true, true),
        uniform(-1, 1, 2, 1, 9, 4), uniform(-1, 1, 3, 6, 9));
    Conv2dSpec spec = new Conv2dSpec(2, 1, 1, 2, 1, 2);
    Input image = uniform(-1, 1, 2, 3, 11, 10);
    Input weight = uniform(-1, 1, 4, 3, 3, 3);
    Shape out = Shape.of(2, 4, spec.outH(11, 3), spec.outW(10, 3));
    Input grad = uniform(-1, 1, out.dims());
    agree("conv2d", dtype, (k, in) -> k.conv2d(in[0], in[1], spec), image, weight);
    agree("conv2dBackwardInput", dtype,
        (k, in) -> k.conv2dBackwardInput(in[0], in[1], Shape.of(2, 3, 11, 10), spec), grad, weight);
    agree("conv2dBackwardWeight", dtype,
        (k, in) -> k.conv2dBackwardWeight(in[0], in[1], Shape.of(4, 3, 3, 3), spec), image, grad);
  }
}
