package org.vae4j.backend.pure;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * {@link VectorLoops} on the JDK Vector API, FLOAT32. EXP, LOG and TANH are {@link VectorMath}'s (within 2 ulp of
 * {@link Math}, the same bits compiled or interpreted); LOG1P is {@code log(w) * (x / (w - 1))} with {@code w = 1 + x} (Goldberg's formula, a few
 * ulps, exact where {@code w == 1}); the sigmoid and the softplus are the scalar loops' stable forms. The
 * elements after the last whole vector of a range go through the scalar loops.
 *
 * <p>Every op has its own loop, written out whole: a vector handed to or returned from a method that the JIT
 * compiled on its own (rather than inlined) is boxed on the heap, which costs more than the scalar loop saves.
 * Loaded reflectively by {@link VectorLoops#get()} only when {@code jdk.incubator.vector} is present. Stateless and thread-safe.
 */
final class VectorFloatLoops implements VectorLoops {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
  private static final FloatVector ZERO = FloatVector.zero(S);

  /** A vector loop that stops before the last partial vector, returning where it stopped. */
  @FunctionalInterface
  private interface Head {
    int run(float[] x, float[] y, int from, int to);
  }

  /** {@code head} over whole vectors, then the scalar loop of {@code op} over the rest. */
  private static UnaryKernels.FloatLoop tail(UnaryOp op, Head head) {
    UnaryKernels.FloatLoop scalar = UnaryKernels.scalarFloat32(op);
    return (x, y, from, to) -> scalar.run(x, y, head.run(x, y, from, to), to);
  }

  @Override
  public UnaryKernels.FloatLoop unary(UnaryOp op) {
    return switch (op) {
      case NEG -> tail(UnaryOp.NEG, (x, y, from, to) -> neg(y, x, from, to));
      case EXP -> tail(UnaryOp.EXP, (x, y, from, to) -> exp(y, x, from, to));
      case LOG -> tail(UnaryOp.LOG, (x, y, from, to) -> log(y, x, from, to));
      case SQRT -> tail(UnaryOp.SQRT, (x, y, from, to) -> sqrt(y, x, from, to));
      case SQUARE -> tail(UnaryOp.SQUARE, (x, y, from, to) -> square(y, x, from, to));
      case RECIPROCAL -> tail(UnaryOp.RECIPROCAL, (x, y, from, to) -> reciprocal(y, x, from, to));
      case ABS -> tail(UnaryOp.ABS, (x, y, from, to) -> abs(y, x, from, to));
      case RELU -> tail(UnaryOp.RELU, (x, y, from, to) -> relu(y, x, from, to));
      case TANH -> tail(UnaryOp.TANH, (x, y, from, to) -> tanh(y, x, from, to));
      case LOG1P -> tail(UnaryOp.LOG1P, (x, y, from, to) -> log1p(y, x, from, to));
      case SIGMOID -> tail(UnaryOp.SIGMOID, (x, y, from, to) -> sigmoid(y, x, from, to));
      case SOFTPLUS -> tail(UnaryOp.SOFTPLUS, (x, y, from, to) -> softplus(y, x, from, to));
      case EXPM1, SIGN, FLOOR, LGAMMA, DIGAMMA, TRIGAMMA, ERF -> null;
    };
  }

  private static int neg(float[] y, float[] src, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      x.neg().intoArray(y, i);
    }
    return i;
  }

  private static int exp(float[] y, float[] src, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      VectorMath.exp(x).intoArray(y, i);
    }
    return i;
  }

  private static int log(float[] y, float[] src, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      VectorMath.log(x).intoArray(y, i);
    }
    return i;
  }

  private static int sqrt(float[] y, float[] src, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      x.sqrt().intoArray(y, i);
    }
    return i;
  }

  private static int square(float[] y, float[] src, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      x.mul(x).intoArray(y, i);
    }
    return i;
  }

  private static int reciprocal(float[] y, float[] src, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      ONE.div(x).intoArray(y, i);
    }
    return i;
  }

  private static int abs(float[] y, float[] src, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      x.abs().intoArray(y, i);
    }
    return i;
  }

  private static int relu(float[] y, float[] src, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      x.max(0f).intoArray(y, i);
    }
    return i;
  }

  private static int tanh(float[] y, float[] src, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      VectorMath.tanh(x).intoArray(y, i);
    }
    return i;
  }

  private static int log1p(float[] y, float[] src, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      FloatVector w = x.add(1f);
      FloatVector r = VectorMath.log(w).mul(x.div(w.sub(1f)))
          .blend(x, w.eq(1f).or(x.eq(Float.POSITIVE_INFINITY)));
      r.intoArray(y, i);
    }
    return i;
  }

  private static int sigmoid(float[] y, float[] src, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      FloatVector e = VectorMath.exp(x.abs().neg());
      FloatVector onePlus = e.add(1f);
      FloatVector r = e.div(onePlus).blend(ONE.div(onePlus), x.compare(VectorOperators.GE, 0f));
      r.intoArray(y, i);
    }
    return i;
  }

  private static int softplus(float[] y, float[] src, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      FloatVector e = VectorMath.exp(x.abs().neg());
      FloatVector w = e.add(1f);
      FloatVector r = x.max(0f).add(VectorMath.log(w).mul(e.div(w.sub(1f))).blend(e, w.eq(1f)));
      r.intoArray(y, i);
    }
    return i;
  }

  @Override
  public boolean binary(BinaryOp op, float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB,
      float[] out, int o, int n) {
    if (n <= 0) {
      return op != BinaryOp.POW;
    }
    int done = switch (op) {
      case ADD -> addRun(a, ia, scalarA, b, ib, scalarB, out, o, n);
      case SUB -> subRun(a, ia, scalarA, b, ib, scalarB, out, o, n);
      case MUL -> mulRun(a, ia, scalarA, b, ib, scalarB, out, o, n);
      case DIV -> divRun(a, ia, scalarA, b, ib, scalarB, out, o, n);
      case MAX -> maxRun(a, ia, scalarA, b, ib, scalarB, out, o, n);
      case MIN -> minRun(a, ia, scalarA, b, ib, scalarB, out, o, n);
      case EQ -> eqRun(a, ia, scalarA, b, ib, scalarB, out, o, n);
      case NE -> neRun(a, ia, scalarA, b, ib, scalarB, out, o, n);
      case LT -> ltRun(a, ia, scalarA, b, ib, scalarB, out, o, n);
      case LE -> leRun(a, ia, scalarA, b, ib, scalarB, out, o, n);
      case GT -> gtRun(a, ia, scalarA, b, ib, scalarB, out, o, n);
      case GE -> geRun(a, ia, scalarA, b, ib, scalarB, out, o, n);
      case POW -> -1;
    };
    if (done < 0) {
      return false;
    }
    if (done < n) {
      BinaryKernels.scalarRun(op, a, scalarA ? ia : ia + done, scalarA ? 0 : 1, b, scalarB ? ib : ib + done,
          scalarB ? 0 : 1, out, o + done, n - done);
    }
    return true;
  }

  private static int addRun(float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB, float[] out,
      int o, int n) {
    FloatVector ca = FloatVector.broadcast(S, a[ia]);
    FloatVector cb = FloatVector.broadcast(S, b[ib]);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i);
      x.add(y).intoArray(out, o + i);
    }
    return i;
  }

  private static int subRun(float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB, float[] out,
      int o, int n) {
    FloatVector ca = FloatVector.broadcast(S, a[ia]);
    FloatVector cb = FloatVector.broadcast(S, b[ib]);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i);
      x.sub(y).intoArray(out, o + i);
    }
    return i;
  }

  private static int mulRun(float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB, float[] out,
      int o, int n) {
    FloatVector ca = FloatVector.broadcast(S, a[ia]);
    FloatVector cb = FloatVector.broadcast(S, b[ib]);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i);
      x.mul(y).intoArray(out, o + i);
    }
    return i;
  }

  private static int divRun(float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB, float[] out,
      int o, int n) {
    FloatVector ca = FloatVector.broadcast(S, a[ia]);
    FloatVector cb = FloatVector.broadcast(S, b[ib]);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i);
      x.div(y).intoArray(out, o + i);
    }
    return i;
  }

  private static int maxRun(float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB, float[] out,
      int o, int n) {
    FloatVector ca = FloatVector.broadcast(S, a[ia]);
    FloatVector cb = FloatVector.broadcast(S, b[ib]);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i);
      x.max(y).intoArray(out, o + i);
    }
    return i;
  }

  private static int minRun(float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB, float[] out,
      int o, int n) {
    FloatVector ca = FloatVector.broadcast(S, a[ia]);
    FloatVector cb = FloatVector.broadcast(S, b[ib]);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i);
      x.min(y).intoArray(out, o + i);
    }
    return i;
  }

  private static int eqRun(float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB, float[] out,
      int o, int n) {
    FloatVector ca = FloatVector.broadcast(S, a[ia]);
    FloatVector cb = FloatVector.broadcast(S, b[ib]);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i);
      ZERO.blend(1f, x.compare(VectorOperators.EQ, y)).intoArray(out, o + i);
    }
    return i;
  }

  private static int neRun(float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB, float[] out,
      int o, int n) {
    FloatVector ca = FloatVector.broadcast(S, a[ia]);
    FloatVector cb = FloatVector.broadcast(S, b[ib]);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i);
      ZERO.blend(1f, x.compare(VectorOperators.NE, y)).intoArray(out, o + i);
    }
    return i;
  }

  private static int ltRun(float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB, float[] out,
      int o, int n) {
    FloatVector ca = FloatVector.broadcast(S, a[ia]);
    FloatVector cb = FloatVector.broadcast(S, b[ib]);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i);
      ZERO.blend(1f, x.compare(VectorOperators.LT, y)).intoArray(out, o + i);
    }
    return i;
  }

  private static int leRun(float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB, float[] out,
      int o, int n) {
    FloatVector ca = FloatVector.broadcast(S, a[ia]);
    FloatVector cb = FloatVector.broadcast(S, b[ib]);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i);
      ZERO.blend(1f, x.compare(VectorOperators.LE, y)).intoArray(out, o + i);
    }
    return i;
  }

  private static int gtRun(float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB, float[] out,
      int o, int n) {
    FloatVector ca = FloatVector.broadcast(S, a[ia]);
    FloatVector cb = FloatVector.broadcast(S, b[ib]);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i);
      ZERO.blend(1f, x.compare(VectorOperators.GT, y)).intoArray(out, o + i);
    }
    return i;
  }

  private static int geRun(float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB, float[] out,
      int o, int n) {
    FloatVector ca = FloatVector.broadcast(S, a[ia]);
    FloatVector cb = FloatVector.broadcast(S, b[ib]);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector x = scalarA ? ca : FloatVector.fromArray(S, a, ia + i);
      FloatVector y = scalarB ? cb : FloatVector.fromArray(S, b, ib + i);
      ZERO.blend(1f, x.compare(VectorOperators.GE, y)).intoArray(out, o + i);
    }
    return i;
  }

  @Override
  public void bceWithLogits(float[] logits, float[] targets, float[] out, int from, int to) {
    int i = from;
    for (int end = to - V; i <= end; i += V) {
      FloatVector l = FloatVector.fromArray(S, logits, i);
      FloatVector e = VectorMath.exp(l.abs().neg());
      FloatVector w = e.add(1f);
      FloatVector log1p = VectorMath.log(w).mul(e.div(w.sub(1f))).blend(e, w.eq(1f));
      l.max(0f).sub(l.mul(FloatVector.fromArray(S, targets, i))).add(log1p).intoArray(out, i);
    }
    for (; i < to; i++) {
      double x = logits[i];
      out[i] = (float) (Math.max(x, 0) - x * targets[i] + Math.log(1 + Math.exp(-Math.abs(x))));
    }
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
    double[] lanes = s0.add(s1).toArray();
    double s = 0;
    for (double lane : lanes) {
      s += lane;
    }
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
