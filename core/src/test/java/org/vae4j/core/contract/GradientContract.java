package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;
import org.vae4j.core.Functions;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.autodiff.GradientTable;
import org.vae4j.core.autodiff.FusedPrimitives;
import org.vae4j.core.autodiff.Primitives;
import org.vae4j.api.spi.StructuralOp;
import org.vae4j.core.random.PhiloxStream;

/**
 * The backward half of the contract: every primitive's gradient against central finite differences in
 * FLOAT64, through the backend under test. Parameterized over the op enums, so a new constant without a
 * test here fails.
 */
public abstract class GradientContract extends BackendTestSupport {
  private Scope scope;

  @BeforeEach
  void openScope() {
    assumeFloat64();
    scope = Scope.open();
  }

  @org.junit.jupiter.api.AfterEach
  void closeScope() {
    if (scope != null) {
      scope.close();
    }
  }

  private static double[] values(long seed, int n, double low, double high) {
    double[] u = PhiloxStream.seeded(seed).uniformDoubles(n);
    for (int i = 0; i < n; i++) {
      u[i] = low + (high - low) * u[i];
    }
    return u;
  }

  /** Values in [low, high] kept at least 0.05 away from zero, for ops with a kink or pole at 0. */
  private static double[] awayFromZero(long seed, int n, double low, double high) {
    double[] v = values(seed, n, low, high);
    for (int i = 0; i < n; i++) {
      if (Math.abs(v[i]) < 0.05) {
        v[i] = v[i] < 0 ? -0.05 - Math.abs(v[i]) : 0.05 + v[i];
      }
    }
    return v;
  }

  private void check(String what, Function<Tensor[], Tensor> f, double[][] values, Shape... shapes) {
    FiniteDifferences.check(what, f(), f, values, shapes);
  }

  @ParameterizedTest
  @EnumSource(UnaryOp.class)
  void unaryGradientMatchesFiniteDifferences(UnaryOp op) {
    Shape s = Shape.of(2, 3);
    if (GradientTable.hasZeroGradient(op)) {
      Tensor x = f().of(values(1, 6, 0.5, 2.0), s).requireGrad();
      assertThat(Primitives.unary(op, x).requiresGrad()).as("%s records no gradient", op).isFalse();
      return;
    }
    if (GradientTable.isNotImplemented(op)) {
      Tensor x = f().of(values(1, 6, 0.5, 2.0), s).requireGrad();
      Tensor y = Primitives.unary(op, x);
      assertThat(y.requiresGrad()).as("%s records itself", op).isTrue();
      assertThatThrownBy(() -> y.mul(2.0).sum().backward()).as("a gradient through %s", op)
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining(op + " has no gradient rule");
      assertThat(x.grad()).as("no partial gradient after the failed backward").isNull();
      return;
    }
    double[] x = switch (op) {
      case LOG, SQRT, RECIPROCAL, LGAMMA, DIGAMMA -> values(2, 6, 0.3, 3.0);
      case LOG1P -> values(3, 6, -0.5, 2.0);
      case ABS, RELU -> awayFromZero(4, 6, -2.0, 2.0);
      default -> values(5, 6, -2.0, 2.0);
    };
    check(op.name(), in -> Primitives.unary(op, in[0]), new double[][] {x}, s);
  }

  @ParameterizedTest
  @EnumSource(BinaryOp.class)
  void binaryGradientMatchesFiniteDifferencesUnderBroadcasting(BinaryOp op) {
    Shape sa = Shape.of(3, 1, 4);
    Shape sb = Shape.of(2, 4);
    if (op.isComparison()) {
      Tensor a = f().of(values(6, 12, -1, 1), sa).requireGrad();
      Tensor b = f().of(values(7, 8, -1, 1), sb).requireGrad();
      assertThat(Primitives.binary(op, a, b).requiresGrad()).as("%s records no gradient", op).isFalse();
      return;
    }
    double[] a = op == BinaryOp.POW ? values(8, 12, 0.5, 2.0) : values(8, 12, -2.0, 2.0);
    double[] b = switch (op) {
      case DIV -> awayFromZero(9, 8, -2.0, 2.0);
      case POW -> values(9, 8, -1.5, 2.5);
      default -> values(9, 8, -2.0, 2.0);
    };
    check(op.name(), in -> Primitives.binary(op, in[0], in[1]), new double[][] {a, b}, sa, sb);
  }

  @ParameterizedTest
  @EnumSource(ReduceOp.class)
  void reductionGradientMatchesFiniteDifferences(ReduceOp op) {
    Shape s = Shape.of(2, 3, 4);
    double[] x = values(10, 24, -3, 3);
    check(op + " axis 1", in -> Primitives.reduce(op, in[0], new int[] {1}, false), new double[][] {x}, s);
    check(op + " axes 0,2 kept", in -> Primitives.reduce(op, in[0], new int[] {0, 2}, true), new double[][] {x}, s);
    check(op + " all", in -> Primitives.reduce(op, in[0], new int[] {0, 1, 2}, false), new double[][] {x}, s);
  }

  @ParameterizedTest
  @EnumSource(StructuralOp.class)
  void structuralGradientMatchesFiniteDifferences(StructuralOp op) {
    double[] x = values(11, 24, -2, 2);
    double[] y = values(12, 24, -2, 2);
    Shape s = Shape.of(2, 3, 4);
    switch (op) {
      case WHERE -> {
        Tensor cond = f().of(new double[] {1, 0, 0, 1}, Shape.of(4));
        check("where", in -> cond.where(in[0], in[1]), new double[][] {x, y}, s, s);
      }
      case ARG_REDUCE -> {
        Tensor t = f().of(x, s).requireGrad();
        assertThat(t.argmax(1).requiresGrad()).isFalse();
        assertThat(t.argmax(1).dtype()).isEqualTo(DType.INT32);
      }
      case RESHAPE -> check("reshape", in -> in[0].reshape(4, 6).mul(in[0].reshape(4, 6)), new double[][] {x}, s);
      case PERMUTE -> check("permute", in -> in[0].permute(2, 0, 1).mul(in[1].permute(2, 0, 1)),
          new double[][] {x, y}, s, s);
      case EXPAND -> check("expand", in -> in[0].expand(Shape.of(2, 2, 3, 4)), new double[][] {values(13, 12, -1, 1)},
          Shape.of(1, 3, 4));
      case SLICE -> check("slice", in -> in[0].slice(2, 1, 3).slice(0, 1, 2), new double[][] {x}, s);
      case PAD -> check("pad", in -> in[0].pad(new int[] {0, 1, 2}, new int[] {1, 0, 1}, 0.5), new double[][] {x}, s);
      case CONCAT -> check("concat", in -> Tensors.concat(List.of(in[0], in[1].slice(1, 0, 2)), 1),
          new double[][] {x, y}, s, s);
      case GATHER -> {
        Tensor index = i32(new int[] {2, 0, 0, 1, 1, 1, 0, 2}, 2, 4);
        check("gather", in -> in[0].gather(0, index.slice(0, 0, 2)), new double[][] {values(14, 12, -1, 1)},
            Shape.of(3, 4));
      }
      case SCATTER_ADD -> {
        Tensor index = i32(new int[] {2, 0, 0, 1, 1, 1, 0, 2}, 2, 4);
        check("scatterAdd", in -> in[0].scatterAdd(Shape.of(3, 4), 0, index), new double[][] {values(15, 8, -1, 1)},
            Shape.of(2, 4));
      }
      case CAST -> {
        // Finite differences cannot see through FLOAT32 rounding; the gradient of a cast is exact instead.
        Tensor t = f().of(x, s).requireGrad();
        t.cast(DType.FLOAT32).mul(3.0).cast(DType.FLOAT64).sum().backward();
        assertThat(t.grad().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(t.grad().toDoubleArray()).containsOnly(3.0);
      }
      case MATMUL -> {
        check("matmul batched", in -> in[0].matmul(in[1]), new double[][] {x, values(16, 20, -1, 1)}, s,
            Shape.of(4, 5));
        for (boolean ta : new boolean[] {false, true}) {
          for (boolean tb : new boolean[] {false, true}) {
            Shape a = ta ? Shape.of(4, 3) : Shape.of(3, 4);
            Shape b = tb ? Shape.of(5, 4) : Shape.of(4, 5);
            check("matmul transposeA=" + ta + " transposeB=" + tb, in -> Primitives.matmul(in[0], in[1], ta, tb),
                new double[][] {values(17, 12, -1, 1), values(18, 20, -1, 1)}, a, b);
          }
        }
      }
      case CONV2D -> check("conv2d", in -> Functions.conv2d(in[0], in[1], null, new Conv2dSpec(2, 1, 1, 0, 1, 2)),
          new double[][] {values(19, 2 * 2 * 5 * 6, -1, 1), values(20, 3 * 2 * 3 * 2, -1, 1)},
          Shape.of(2, 2, 5, 6), Shape.of(3, 2, 3, 2));
      case CONV2D_BACKWARD_INPUT -> check("transposed conv2d",
          in -> Functions.convTranspose2d(in[0], in[1], null, Conv2dSpec.of(2, 1), 1, 0),
          new double[][] {values(21, 2 * 3 * 3 * 3, -1, 1), values(22, 3 * 2 * 3 * 3, -1, 1)},
          Shape.of(2, 3, 3, 3), Shape.of(3, 2, 3, 3));
      case CONV2D_BACKWARD_WEIGHT -> check("conv2d weight gradient",
          in -> Primitives.conv2dBackwardWeight(in[0], in[1], Shape.of(3, 2, 3, 3), Conv2dSpec.of(1, 1)),
          new double[][] {values(23, 2 * 2 * 4 * 4, -1, 1), values(24, 2 * 3 * 4 * 4, -1, 1)},
          Shape.of(2, 2, 4, 4), Shape.of(2, 3, 4, 4));
      case LINEAR -> {
        // Functions.linear records LINEAR on backends announcing FUSED_LINEAR; elsewhere it checks the
        // composition, and the fused node is exercised directly where the kernel exists.
        check("linear", in -> Functions.linear(in[0], in[1], in[2]),
            new double[][] {values(25, 15, -1, 1), values(26, 20, -1, 1), values(27, 4, -1, 1)},
            Shape.of(3, 5), Shape.of(4, 5), Shape.of(4));
        check("linear without bias", in -> Functions.linear(in[0], in[1], null),
            new double[][] {values(28, 15, -1, 1), values(29, 20, -1, 1)}, Shape.of(3, 5), Shape.of(4, 5));
        if (kernels().capabilities().contains(org.vae4j.api.spi.Capability.FUSED_LINEAR)) {
          check("fused linear node", in -> FusedPrimitives.linear(in[0], in[1], in[2]),
              new double[][] {values(30, 15, -1, 1), values(31, 20, -1, 1), values(32, 4, -1, 1)},
              Shape.of(3, 5), Shape.of(4, 5), Shape.of(4));
        }
      }
      case BCE_WITH_LOGITS -> {
        // Through Functions.bceWithLogits: the fused node where the backend announces the kernel (targets
        // broadcast along the first axis), the composition elsewhere.
        check("bceWithLogits", in -> Functions.bceWithLogits(in[0], in[1]),
            new double[][] {x, values(33, 12, 0.05, 0.95)}, s, Shape.of(3, 4));
        if (kernels().capabilities().contains(org.vae4j.api.spi.Capability.FUSED_BCE_WITH_LOGITS)) {
          check("fused bceWithLogits node", in -> FusedPrimitives.bceWithLogits(in[0], in[1]),
              new double[][] {x, values(34, 24, 0.05, 0.95)}, s, s);
        }
      }
      case LOG_SOFTMAX -> {
        // Through logSoftmax along the last axis: the fused node where the backend announces the kernel.
        check("logSoftmax", in -> in[0].logSoftmax(-1), new double[][] {x}, s);
        if (kernels().capabilities().contains(org.vae4j.api.spi.Capability.FUSED_LOG_SOFTMAX)) {
          check("fused logSoftmax node", in -> FusedPrimitives.logSoftmax(in[0]), new double[][] {x}, s);
        }
      }
      default -> fail("no gradient test for " + op + ": add a case to GradientContract");
    }
  }

  @ParameterizedTest
  @EnumSource(value = CompositeOp.class)
  void compositeGradientMatchesFiniteDifferences(CompositeOp op) {
    double[] x = values(25, 12, -3, 3);
    Shape s = Shape.of(3, 4);
    check(op.name(), in -> op.apply(in[0]), new double[][] {x}, s);
  }

  /** Composites written in core whose numerics matter: checked end to end. */
  enum CompositeOp {
    LOG_SUM_EXP { Tensor apply(Tensor x) { return x.logSumExp(1, false); } },
    LOG_SOFTMAX { Tensor apply(Tensor x) { return x.logSoftmax(0); } },
    SOFTMAX { Tensor apply(Tensor x) { return x.softmax(-1); } },
    MEAN { Tensor apply(Tensor x) { return x.mean(new int[] {0}, true); } },
    BCE_WITH_LOGITS { Tensor apply(Tensor x) { return Functions.bceWithLogits(x, x.factory().full(x.shape(), 0.3, x.dtype())); } },
    LOG_SIGMOID { Tensor apply(Tensor x) { return Functions.logSigmoid(x); } };

    abstract Tensor apply(Tensor x);
  }
}
