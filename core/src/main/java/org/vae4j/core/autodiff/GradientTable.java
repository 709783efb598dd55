package org.vae4j.core.autodiff;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.api.spi.Op;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.StructuralOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * The gradient of every primitive, in one place (as PyTorch's derivatives.yaml).
 *
 * <p>Schema: each op has exactly one entry of one of three kinds.
 * <ul>
 *   <li>{@code row(op, (node, g) -> gradients)}: {@code node} holds the inputs x (and y for binary ops), the
 *       output {@code out} and the attributes, {@code g} is d(loss)/d(out), and the rule returns one gradient
 *       per input in input order ({@code null} where none is needed).</li>
 *   <li>{@code zeroGradient(op)}: the derivative is zero wherever it exists (sign, floor, comparisons,
 *       arg-reductions), so the op records nothing and its result carries no gradient (JAX's
 *       {@code defjvp_zero}).</li>
 *   <li>{@code notImplemented(op)}: the derivative exists but vae4j has no rule. The op records itself, and a
 *       backward pass that would send a gradient through it throws {@link UnsupportedOperationException}
 *       naming the op (PyTorch's {@code not_implemented}), so a gradient is never dropped silently.</li>
 * </ul>
 * A test checks that every {@link Op} has exactly one entry.
 *
 * <p>Rules run with recording off and are written with tensor ops, so every backend gets them.
 */
public final class GradientTable {
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
  private static final Map<Op, GradientRule> RULES = new HashMap<>();
  private static final Set<Op> ZERO_GRADIENT = new HashSet<>();
  private static final Set<Op> NOT_IMPLEMENTED = new HashSet<>();

  static {
    // ---- unary: g * f'(x) ----
    row(UnaryOp.NEG, (n, g) -> one(g.neg()));
    row(UnaryOp.EXP, (n, g) -> one(g.mul(n.output())));
    row(UnaryOp.LOG, (n, g) -> one(g.div(n.input(0))));
    row(UnaryOp.LOG1P, (n, g) -> one(g.div(n.input(0).add(1.0))));
    row(UnaryOp.EXPM1, (n, g) -> one(g.mul(n.output().add(1.0))));
    row(UnaryOp.SQRT, (n, g) -> one(g.mul(0.5).div(n.output())));
    row(UnaryOp.SQUARE, (n, g) -> one(g.mul(n.input(0)).mul(2.0)));
    row(UnaryOp.RECIPROCAL, (n, g) -> one(g.mul(n.output().square()).neg()));
    row(UnaryOp.ABS, (n, g) -> one(g.mul(n.input(0).sign())));
    zeroGradient(UnaryOp.SIGN);
    zeroGradient(UnaryOp.FLOOR);
    row(UnaryOp.RELU, (n, g) -> one(g.mul(n.output().gt(zero(n.output())))));
    row(UnaryOp.SIGMOID, (n, g) -> one(g.mul(n.output().mul(n.output().rsub(1.0)))));
    row(UnaryOp.TANH, (n, g) -> one(g.mul(n.output().square().rsub(1.0))));
    row(UnaryOp.SOFTPLUS, (n, g) -> one(g.mul(n.input(0).sigmoid())));
    row(UnaryOp.LGAMMA, (n, g) -> one(g.mul(n.input(0).digamma())));
    row(UnaryOp.DIGAMMA, (n, g) -> one(g.mul(n.input(0).trigamma())));
    notImplemented(UnaryOp.TRIGAMMA);
    row(UnaryOp.ERF, (n, g) -> one(g.mul(n.input(0).square().neg().exp().mul(TWO_OVER_SQRT_PI))));

    // ---- binary, inputs (x, y); broadcasting is undone by Backprop ----
    row(BinaryOp.ADD, (n, g) -> two(n, () -> g, () -> g));
    row(BinaryOp.SUB, (n, g) -> two(n, () -> g, g::neg));
    row(BinaryOp.MUL, (n, g) -> two(n, () -> g.mul(n.input(1)), () -> g.mul(n.input(0))));
    row(BinaryOp.DIV, (n, g) -> two(n, () -> g.div(n.input(1)), () -> g.mul(n.output()).div(n.input(1)).neg()));
    row(BinaryOp.POW, (n, g) -> two(n,
        () -> g.mul(n.input(1)).mul(n.input(0).pow(n.input(1).sub(1.0))),
        () -> {
          Tensor x = n.input(0);
          Tensor positive = x.gt(zero(x));
          Tensor safeLog = positive.where(x, x.factory().scalar(1.0, x.dtype())).log();
          return g.mul(n.output()).mul(safeLog);
        }));
    row(BinaryOp.MAX, (n, g) -> {
      Tensor first = n.input(0).ge(n.input(1));
      return two(n, () -> g.mul(first), () -> g.mul(first.rsub(1.0)));
    });
    row(BinaryOp.MIN, (n, g) -> {
      Tensor first = n.input(0).le(n.input(1));
      return two(n, () -> g.mul(first), () -> g.mul(first.rsub(1.0)));
    });
    for (BinaryOp op : BinaryOp.COMPARISONS) {
      zeroGradient(op);
    }

    // ---- reductions, attributes ReduceAttrs(axes, keepDims) ----
    row(ReduceOp.SUM, (n, g) -> one(keptDims(n, g).expand(n.input(0).shape())));
    row(ReduceOp.MAX, GradientTable::extremum);
    row(ReduceOp.MIN, GradientTable::extremum);

    // ---- structural ----
    row(StructuralOp.WHERE, (n, g) -> {
      Tensor cond = n.input(0);
      Tensor zero = zero(g);
      return new Tensor[] {null, n.needs(1) ? cond.where(g, zero) : null, n.needs(2) ? cond.where(zero, g) : null};
    });
    zeroGradient(StructuralOp.ARG_REDUCE);
    row(StructuralOp.RESHAPE, (n, g) -> one(g.reshape(n.input(0).shape())));
    row(StructuralOp.PERMUTE, (n, g) -> {
      int[] axes = n.attrs();
      int[] inverse = new int[axes.length];
      for (int i = 0; i < axes.length; i++) {
        inverse[axes[i]] = i;
      }
      return one(g.permute(inverse));
    });
    row(StructuralOp.EXPAND, (n, g) -> one(g));
    row(StructuralOp.SLICE, (n, g) -> {
      int[][] range = n.attrs();
      int[] dims = n.input(0).shape().dims();
      int[] after = new int[dims.length];
      for (int i = 0; i < dims.length; i++) {
        after[i] = dims[i] - range[1][i];
      }
      return one(g.pad(range[0], after, 0.0));
    });
    row(StructuralOp.PAD, (n, g) -> {
      int[][] sizes = n.attrs();
      int[] dims = n.input(0).shape().dims();
      int[] end = new int[dims.length];
      for (int i = 0; i < dims.length; i++) {
        end[i] = sizes[0][i] + dims[i];
      }
      return one(Primitives.slice(g, sizes[0], end));
    });
    row(StructuralOp.CONCAT, (n, g) -> {
      int axis = n.attrs();
      Tensor[] out = new Tensor[n.inputs().length];
      int start = 0;
      for (int i = 0; i < out.length; i++) {
        int len = n.input(i).dim(axis);
        out[i] = n.needs(i) ? g.slice(axis, start, start + len) : null;
        start += len;
      }
      return out;
    });
    row(StructuralOp.GATHER, (n, g) -> new Tensor[] {
        g.scatterAdd(n.input(0).shape(), n.<Integer>attrs(), n.input(1)), null});
    row(StructuralOp.SCATTER_ADD, (n, g) -> new Tensor[] {g.gather(n.<Integer>attrs(), n.input(1)), null});
    row(StructuralOp.CAST, (n, g) -> one(g.cast(n.input(0).dtype())));
    row(StructuralOp.MATMUL, GradientTable::matmul);
    row(StructuralOp.BCE_WITH_LOGITS, (n, g) -> two(n,
        () -> FusedPrimitives.bceWithLogitsGradient(g, n.input(0), n.input(1)),
        () -> g.mul(n.input(0)).neg()));
    row(StructuralOp.LOG_SOFTMAX, (n, g) -> one(FusedPrimitives.logSoftmaxGradient(g, n.output())));
    row(StructuralOp.LINEAR, (n, g) -> new Tensor[] {
        n.needs(0) ? Primitives.matmul(g, n.input(1), false, false) : null,
        n.needs(1) ? Primitives.matmul(g, n.input(0), true, false) : null,
        n.inputs().length > 2 && n.needs(2) ? g.sum(new int[] {0}, false) : null});
    row(StructuralOp.CONV2D, (n, g) -> {
      Conv2dSpec spec = n.attrs();
      Tensor x = n.input(0);
      Tensor w = n.input(1);
      if (n.needs(0) && n.needs(1)) {
        TapeTensor[] both = Primitives.conv2dBackward(x, g, w, spec);
        return new Tensor[] {both[0], both[1]};
      }
      return two(n, () -> Primitives.conv2dBackwardInput(g, w, x.shape(), spec),
          () -> Primitives.conv2dBackwardWeight(x, g, w.shape(), spec));
    });
    row(StructuralOp.CONV2D_BACKWARD_INPUT, (n, g) -> {
      Conv2dSpec spec = n.attrs();
      Tensor u = n.input(0);
      Tensor w = n.input(1);
      return two(n, () -> Primitives.conv2d(g, w, spec), () -> Primitives.conv2dBackwardWeight(g, u, w.shape(), spec));
    });
    row(StructuralOp.CONV2D_BACKWARD_WEIGHT, (n, g) -> {
      Conv2dSpec spec = n.attrs();
      Tensor x = n.input(0);
      Tensor gy = n.input(1);
      return two(n, () -> Primitives.conv2dBackwardInput(gy, g, x.shape(), spec), () -> Primitives.conv2d(x, g, spec));
    });
  }

  private GradientTable() {
  }

  /**
   * The rule for {@code op}: its row, or for a {@code notImplemented} op a rule that throws
   * {@link UnsupportedOperationException} naming it.
   *
   * @throws IllegalStateException for an op with a zero gradient (it is never recorded) or no entry
   */
  public static GradientRule ruleFor(Op op) {
    GradientRule r = RULES.get(op);
    if (r != null) {
      return r;
    }
    if (NOT_IMPLEMENTED.contains(op)) {
      return (n, g) -> {
        throw new UnsupportedOperationException("backward: " + op + " has no gradient rule, and a gradient"
            + " reaches its result " + n.output().dtype() + " " + n.output().shape() + "; vae4j does not"
            + " implement the derivative of " + Primitives.name(op) + ". Detach its input (x.detach()) where no"
            + " gradient should flow through it");
      };
    }
    throw new IllegalStateException("no gradient rule for " + op + (ZERO_GRADIENT.contains(op)
        ? ": it has a zero gradient and is never recorded" : " and it is not declared in GradientTable"));
  }

  /** True when {@code op} has a row. */
  public static boolean hasRule(Op op) {
    return RULES.containsKey(op);
  }

  /** True when {@code op}'s derivative is zero wherever it exists: it records nothing. */
  public static boolean hasZeroGradient(Op op) {
    return ZERO_GRADIENT.contains(op);
  }

  /** True when {@code op} has a derivative that vae4j does not implement: a gradient through it throws. */
  public static boolean isNotImplemented(Op op) {
    return NOT_IMPLEMENTED.contains(op);
  }

  private static void row(Op op, GradientRule rule) {
    if (RULES.put(op, rule) != null) {
      throw new IllegalStateException("two gradient rules for " + op);
    }
  }

  private static void zeroGradient(Op op) {
    ZERO_GRADIENT.add(op);
  }

  private static void notImplemented(Op op) {
    NOT_IMPLEMENTED.add(op);
  }

  private static Tensor[] one(Tensor g) {
    return new Tensor[] {g};
  }

  private static Tensor[] two(Node n, java.util.function.Supplier<Tensor> first,
      java.util.function.Supplier<Tensor> second) {
    return new Tensor[] {n.needs(0) ? first.get() : null, n.needs(1) ? second.get() : null};
  }

  private static Tensor zero(Tensor like) {
    return like.factory().scalar(0.0, like.dtype());
  }

  /** g reshaped so the reduced axes are present with size 1. */
  private static Tensor keptDims(Node n, Tensor g) {
    Node.ReduceAttrs a = n.attrs();
    if (a.keepDims()) {
      return g;
    }
    int[] dims = n.input(0).shape().dims();
    for (int ax : a.axes()) {
      dims[ax] = 1;
    }
    return g.reshape(Shape.of(dims));
  }

  /** Max and min: the gradient is shared equally among the tied extreme elements. */
  private static Tensor[] extremum(Node n, Tensor g) {
    Node.ReduceAttrs a = n.attrs();
    Tensor x = n.input(0);
    Tensor out = keptDims(n, n.output());
    Tensor mask = x.eq(out);
    Tensor count = mask.sum(a.axes(), true);
    return one(keptDims(n, g).div(count).mul(mask));
  }

  /** C = op(A) op(B); the gradients are products with g, each operand transposed as the flags require. */
  private static Tensor[] matmul(Node n, Tensor g) {
    boolean[] t = n.attrs();
    Tensor a = n.input(0);
    Tensor b = n.input(1);
    boolean ta = t[0];
    boolean tb = t[1];
    return two(n,
        () -> ta ? Primitives.matmul(b, g, tb, true) : Primitives.matmul(g, b, false, !tb),
        () -> tb ? Primitives.matmul(g, a, true, ta) : Primitives.matmul(a, g, !ta, false));
  }
}
