package org.vae4j.backend.pure;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * {@link VectorLoops} on the JDK Vector API, FLOAT32. EXP, LOG and TANH are the JDK's vector math (within 1 ulp
 * of {@link Math}); LOG1P is {@code log(w) * (x / (w - 1))} with {@code w = 1 + x} (Goldberg's formula, a few
 * ulps, exact where {@code w == 1}); the sigmoid and the softplus are the scalar loops' stable forms. The tail of
 * each range that does not fill a vector runs the same formulas on masked lanes. Loaded reflectively by
 * {@link VectorLoops#get()} only when {@code jdk.incubator.vector} is present. Stateless and thread-safe.
 */
final class VectorFloatLoops implements VectorLoops {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int V = S.length();

  /**
   * {@code y[i] = op(x[i])} over {@code [from, to)}, the tail on masked lanes. The op is chosen inside the loop
   * (a predictable branch) so that every vector stays in one compiled method: a vector passed through a call
   * the JIT does not inline would be boxed.
   */
  private static void unaryLoop(UnaryOp op, float[] x, float[] y, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      apply(op, FloatVector.fromArray(S, x, i)).intoArray(y, i);
    }
    if (i < to) {
      VectorMask<Float> m = S.indexInRange(i, to);
      apply(op, FloatVector.fromArray(S, x, i, m)).intoArray(y, i, m);
    }
  }

  private static FloatVector apply(UnaryOp op, FloatVector x) {
    return switch (op) {
      case NEG -> x.neg();
      case EXP -> x.lanewise(VectorOperators.EXP);
      case LOG -> x.lanewise(VectorOperators.LOG);
      case LOG1P -> log1p(x);
      case SQRT -> x.sqrt();
      case SQUARE -> x.mul(x);
      case RECIPROCAL -> FloatVector.broadcast(S, 1f).div(x);
      case ABS -> x.abs();
      case RELU -> x.max(0f);
      case SIGMOID -> sigmoid(x);
      case TANH -> x.lanewise(VectorOperators.TANH);
      case SOFTPLUS -> softplus(x);
      case EXPM1, SIGN, FLOOR, LGAMMA, DIGAMMA, TRIGAMMA, ERF -> throw new IllegalStateException(op + " has no "
          + "vector loop");
    };
  }

  /** {@code log(1 + x)}; x is finite or +infinity where this is called from softplus it is in [0, 1]. */
  static FloatVector log1p(FloatVector x) {
    FloatVector w = x.add(1f);
    FloatVector r = w.lanewise(VectorOperators.LOG).mul(x.div(w.sub(1f)));
    return r.blend(x, w.eq(1f).or(x.eq(Float.POSITIVE_INFINITY)));
  }

  /** {@code max(x, 0) + log1p(e^-|x|)}. */
  static FloatVector softplus(FloatVector x) {
    return x.max(0f).add(log1p(x.abs().neg().lanewise(VectorOperators.EXP)));
  }

  /** {@code 1 / (1 + e^-x)} for x >= 0, {@code e^x / (1 + e^x)} below: never NaN for finite x. */
  static FloatVector sigmoid(FloatVector x) {
    FloatVector e = x.abs().neg().lanewise(VectorOperators.EXP);
    FloatVector onePlus = e.add(1f);
    return e.div(onePlus).blend(FloatVector.broadcast(S, 1f).div(onePlus), x.compare(VectorOperators.GE, 0f));
  }

  @Override
  public UnaryKernels.FloatLoop unary(UnaryOp op) {
    return switch (op) {
      case EXPM1, SIGN, FLOOR, LGAMMA, DIGAMMA, TRIGAMMA, ERF -> null;
      default -> (x, y, from, to) -> unaryLoop(op, x, y, from, to);
    };
  }

  @Override
  public boolean binary(BinaryOp op, float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB,
      float[] out, int o, int n) {
    if (op == BinaryOp.POW) {
      return false;
    }
    FloatVector ca = scalarA ? FloatVector.broadcast(S, a[ia]) : null;
    FloatVector cb = scalarB ? FloatVector.broadcast(S, b[ib]) : null;
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i);
      apply(op, x, y).intoArray(out, o + i);
    }
    if (i < n) {
      VectorMask<Float> m = S.indexInRange(i, n);
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i, m);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i, m);
      apply(op, x, y).intoArray(out, o + i, m);
    }
    return true;
  }

  private static FloatVector apply(BinaryOp op, FloatVector x, FloatVector y) {
    return switch (op) {
      case ADD -> x.add(y);
      case SUB -> x.sub(y);
      case MUL -> x.mul(y);
      case DIV -> x.div(y);
      case MAX -> x.max(y);
      case MIN -> x.min(y);
      case EQ -> ones(x.compare(VectorOperators.EQ, y));
      case NE -> ones(x.compare(VectorOperators.NE, y));
      case LT -> ones(x.compare(VectorOperators.LT, y));
      case LE -> ones(x.compare(VectorOperators.LE, y));
      case GT -> ones(x.compare(VectorOperators.GT, y));
      case GE -> ones(x.compare(VectorOperators.GE, y));
      case POW -> throw new IllegalStateException("POW has no vector loop");
    };
  }

  /** 1 where {@code m} is set, else 0. */
  private static FloatVector ones(VectorMask<Float> m) {
    return FloatVector.zero(S).blend(1f, m);
  }

  @Override
  public void bceWithLogits(float[] logits, float[] targets, float[] out, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      bce(FloatVector.fromArray(S, logits, i), FloatVector.fromArray(S, targets, i)).intoArray(out, i);
    }
    if (i < to) {
      VectorMask<Float> m = S.indexInRange(i, to);
      bce(FloatVector.fromArray(S, logits, i, m), FloatVector.fromArray(S, targets, i, m)).intoArray(out, i, m);
    }
  }

  private static FloatVector bce(FloatVector l, FloatVector t) {
    return l.max(0f).sub(l.mul(t)).add(log1p(l.abs().neg().lanewise(VectorOperators.EXP)));
  }

  @Override
  public void adam(float[] p, float[] g, float[] m, float[] v, int from, int to, float b1, float c1, float b2,
      float c2, float eps, float step, float invCorrection) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector gi = FloatVector.fromArray(S, g, i);
      FloatVector mi = FloatVector.fromArray(S, m, i).mul(b1).add(gi.mul(c1));
      FloatVector vi = FloatVector.fromArray(S, v, i).mul(b2).add(gi.mul(gi).mul(c2));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      FloatVector.fromArray(S, p, i).sub(mi.mul(step).div(vi.sqrt().mul(invCorrection).add(eps))).intoArray(p, i);
    }
    for (; i < to; i++) {
      float gi = g[i];
      float mi = b1 * m[i] + c1 * gi;
      float vi = b2 * v[i] + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      p[i] = p[i] - step * mi / ((float) Math.sqrt(vi) * invCorrection + eps);
    }
  }

  @Override
  public double sum(float[] x, int from, int n) {
    DoubleVector s0 = DoubleVector.zero(D);
    DoubleVector s1 = DoubleVector.zero(D);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector f = FloatVector.fromArray(S, x, from + i);
      s0 = s0.add((DoubleVector) f.convertShape(VectorOperators.F2D, D, 0));
      s1 = s1.add((DoubleVector) f.convertShape(VectorOperators.F2D, D, 1));
    }
    double s = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += x[from + i];
    }
    return s;
  }

  @Override
  public float extremum(float[] x, int from, int n, boolean max) {
    float r = x[from];
    int i = 0;
    if (n >= V) {
      FloatVector acc = FloatVector.fromArray(S, x, from);
      for (i = V; i <= n - V; i += V) {
        FloatVector f = FloatVector.fromArray(S, x, from + i);
        acc = max ? acc.max(f) : acc.min(f);
      }
      r = acc.reduceLanes(max ? VectorOperators.MAX : VectorOperators.MIN);
    }
    for (; i < n; i++) {
      r = max ? Math.max(r, x[from + i]) : Math.min(r, x[from + i]);
    }
    return r;
  }
}
