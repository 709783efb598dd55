package org.vae4j.backend.pure;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * {@link VectorLoops} on the JDK Vector API, FLOAT32. EXP and LOG are {@link VectorMath}'s (within 2 ulp of
 * {@link Math}, the same bits compiled or interpreted), TANH is built on its exp; LOG1P is
 * {@code log(w) * (x / (w - 1))} with {@code w = 1 + x} (Goldberg's formula, a few ulps, exact where
 * {@code w == 1}); the sigmoid and the softplus are the scalar loops' stable forms. Functions built on
 * VectorMath run in blocks of {@value #BLOCK} elements through per-thread scratch arrays. The elements after
 * the last whole vector of a range go through the scalar loops.
 *
 * <p>Every op has its own loop, written out whole: a vector handed to or returned from a method that the JIT
 * compiled on its own (rather than inlined) is boxed on the heap, which costs more than the scalar loop saves.
 * Loaded reflectively by {@link VectorLoops#get()} only when {@code jdk.incubator.vector} is present.
 * Thread-safe (its only state is the per-thread scratch).
 */
final class VectorFloatLoops implements VectorLoops {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
  private static final FloatVector ZERO = FloatVector.zero(S);
  private static final FloatVector TWO = FloatVector.broadcast(S, 2f);
  /**
   * Elements per block of the functions built on {@link VectorMath}, whose intermediate results stay in two
   * scratch arrays of this size per thread (a multiple of every vector length).
   */
  private static final int BLOCK = 1024;
  private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {
      new float[BLOCK], new float[BLOCK]});

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
    int n = (to - from) / V * V;
    VectorMath.exp(src, from, y, from, n);
    return from + n;
  }

  private static int log(float[] y, float[] src, int from, int to) {
    int n = (to - from) / V * V;
    VectorMath.log(src, from, y, from, n);
    return from + n;
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

  /** {@code tanh x = sign(x) (1 - 2 / (e^2|x| + 1))}, Cephes' odd polynomial below {@code |x| = 0.625}. */
  private static int tanh(float[] y, float[] src, int from, int to) {
    float[] t = SCRATCH.get()[0];
    int end = from + (to - from) / V * V;
    for (int b = from; b < end; b += BLOCK) {
      int n = Math.min(BLOCK, end - b);
      for (int i = 0; i < n; i += V) {
        FloatVector z = FloatVector.fromArray(S, src, b + i).abs();
        z.add(z).intoArray(t, i);
      }
      VectorMath.exp(t, 0, t, 0, n);
      for (int i = 0; i < n; i += V) {
        FloatVector x = FloatVector.fromArray(S, src, b + i);
        FloatVector z = x.abs();
        FloatVector large = TWO.div(FloatVector.fromArray(S, t, i).add(1f)).neg().add(1f);
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        FloatVector z2 = x.mul(x);
        FloatVector p = z2.mul(-5.70498872745e-3f).add(2.06390887954e-2f);
        p = p.mul(z2).add(-5.37397155531e-2f);
        p = p.mul(z2).add(1.33314422036e-1f);
        p = p.mul(z2).add(-3.33332819422e-1f);
        p.mul(z2).mul(x).add(x).blend(large, z.compare(VectorOperators.GE, 0.625f))
            .blend(x, z.compare(VectorOperators.EQ, 0f)).intoArray(y, b + i);
      }
    }
    return end;
  }

  private static int log1p(float[] y, float[] src, int from, int to) {
    float[] t = SCRATCH.get()[0];
    int end = from + (to - from) / V * V;
    for (int b = from; b < end; b += BLOCK) {
      int n = Math.min(BLOCK, end - b);
      for (int i = 0; i < n; i += V) {
        FloatVector.fromArray(S, src, b + i).add(1f).intoArray(t, i);
      }
      VectorMath.log(t, 0, t, 0, n);
      for (int i = 0; i < n; i += V) {
        FloatVector x = FloatVector.fromArray(S, src, b + i);
        FloatVector w = x.add(1f);
        FloatVector.fromArray(S, t, i).mul(x.div(w.sub(1f)))
            .blend(x, w.eq(1f).or(x.eq(Float.POSITIVE_INFINITY))).intoArray(y, b + i);
      }
    }
    return end;
  }

  private static int sigmoid(float[] y, float[] src, int from, int to) {
    float[] e = SCRATCH.get()[0];
    int end = from + (to - from) / V * V;
    for (int b = from; b < end; b += BLOCK) {
      sigmoidBlock(src, b, e, y, b, Math.min(BLOCK, end - b));
    }
    return end;
  }

  /**
   * {@code out[o + i] = sigmoid(x[from + i])}, {@code i < n <= BLOCK}, in the stable form ({@code e / (1 + e)}
   * below zero, {@code 1 / (1 + e)} from zero on, {@code e = exp(-|x|)} in {@code e}); {@code out} may be
   * {@code e} with {@code o = 0}.
   */
  private static void sigmoidBlock(float[] x, int from, float[] e, float[] out, int o, int n) {
    expNegAbs(x, from, e, n);
    for (int i = 0; i < n; i += V) {
      FloatVector xi = FloatVector.fromArray(S, x, from + i);
      FloatVector ei = FloatVector.fromArray(S, e, i);
      FloatVector onePlus = ei.add(1f);
      ei.div(onePlus).blend(ONE.div(onePlus), xi.compare(VectorOperators.GE, 0f)).intoArray(out, o + i);
    }
  }

  /** {@code e[i] = exp(-|x[from + i]|)}, {@code i < n <= BLOCK}. */
  private static void expNegAbs(float[] x, int from, float[] e, int n) {
    for (int i = 0; i < n; i += V) {
      FloatVector.fromArray(S, x, from + i).abs().neg().intoArray(e, i);
    }
    VectorMath.exp(e, 0, e, 0, n);
  }

  /**
   * {@code u[i] = log1p(exp(-|x[from + i]|))}, {@code i < n <= BLOCK}, with {@code e} as scratch: the softplus
   * and the BCE's stable term, by Goldberg's formula ({@code log(w) e / (w - 1)}, {@code w = 1 + e}).
   */
  private static void log1pExpNegAbs(float[] x, int from, float[] e, float[] u, int n) {
    expNegAbs(x, from, e, n);
    for (int i = 0; i < n; i += V) {
      FloatVector.fromArray(S, e, i).add(1f).intoArray(u, i);
    }
    VectorMath.log(u, 0, u, 0, n);
    for (int i = 0; i < n; i += V) {
      FloatVector ei = FloatVector.fromArray(S, e, i);
      FloatVector w = ei.add(1f);
      FloatVector.fromArray(S, u, i).mul(ei.div(w.sub(1f))).blend(ei, w.eq(1f)).intoArray(u, i);
    }
  }

  private static int softplus(float[] y, float[] src, int from, int to) {
    float[][] scratch = SCRATCH.get();
    float[] u = scratch[1];
    int end = from + (to - from) / V * V;
    for (int b = from; b < end; b += BLOCK) {
      int n = Math.min(BLOCK, end - b);
      log1pExpNegAbs(src, b, scratch[0], u, n);
      for (int i = 0; i < n; i += V) {
        FloatVector.fromArray(S, src, b + i).max(0f).add(FloatVector.fromArray(S, u, i)).intoArray(y, b + i);
      }
    }
    return end;
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
    float[][] scratch = SCRATCH.get();
    float[] u = scratch[1];
    int end = from + (to - from) / V * V;
    for (int b = from; b < end; b += BLOCK) {
      int n = Math.min(BLOCK, end - b);
      log1pExpNegAbs(logits, b, scratch[0], u, n);
      for (int i = 0; i < n; i += V) {
        FloatVector l = FloatVector.fromArray(S, logits, b + i);
        l.max(0f).sub(l.mul(FloatVector.fromArray(S, targets, b + i))).add(FloatVector.fromArray(S, u, i))
            .intoArray(out, b + i);
      }
    }
    for (int i = end; i < to; i++) {
      double x = logits[i];
      out[i] = (float) (Math.max(x, 0) - x * targets[i] + Math.log(1 + Math.exp(-Math.abs(x))));
    }
  }

  @Override
  public void bceWithLogitsGradient(float[] grad, float[] logits, float[] targets, float[] out, int from,
      int to) {
    float[] e = SCRATCH.get()[0];
    int end = from + (to - from) / V * V;
    for (int b = from; b < end; b += BLOCK) {
      int n = Math.min(BLOCK, end - b);
      sigmoidBlock(logits, b, e, e, 0, n);
      for (int i = 0; i < n; i += V) {
        FloatVector.fromArray(S, grad, b + i).mul(FloatVector.fromArray(S, e, i)
            .sub(FloatVector.fromArray(S, targets, b + i))).intoArray(out, b + i);
      }
    }
    for (int i = end; i < to; i++) {
      out[i] = grad[i] * (PureSpecialFunctions.sigmoid(logits[i]) - targets[i]);
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
  public void gather(float[] x, int base, int[] index, boolean[] pad, int from, float[] out, int o, int n) {
    VectorColumnMoves.gather(x, base, index, pad, from, out, o, n);
  }

  @Override
  public void maskedCopy(float[] x, int at, boolean[] pad, int from, float[] out, int o, int n) {
    VectorColumnMoves.maskedCopy(x, at, pad, from, out, o, n);
  }

  @Override
  public void maskedAdd(float[] cols, int c, boolean[] pad, int from, float[] x, int at, int lo, int hi, int n) {
    VectorColumnMoves.maskedAdd(cols, c, pad, from, x, at, lo, hi, n);
  }

  @Override
  public double sum(float[] x, int from, int n) {
    return sum(x, from, n, false);
  }

  @Override
  public void accumulate(float[] x, int from, double[] acc, int at, int n) {
    int half = D.length();
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector f = FloatVector.fromArray(S, x, from + i);
      DoubleVector.fromArray(D, acc, at + i).add(f.convertShape(VectorOperators.F2D, D, 0))
          .intoArray(acc, at + i);
      DoubleVector.fromArray(D, acc, at + i + half).add(f.convertShape(VectorOperators.F2D, D, 1))
          .intoArray(acc, at + i + half);
    }
    for (; i < n; i++) {
      acc[at + i] += x[from + i];
    }
  }

  @Override
  public double sumOfSquares(float[] x, int from, int n) {
    return sum(x, from, n, true);
  }

  /**
   * The sum of {@code x[from + i]}, {@code i < n}, or of their squares each rounded to float: two vector
   * accumulators in double, then their lanes and the scalar tail added in order.
   */
  private static double sum(float[] x, int from, int n, boolean squares) {
    DoubleVector s0 = DoubleVector.zero(D);
    DoubleVector s1 = DoubleVector.zero(D);
    int i = 0;
    for (; i <= n - V; i += V) {
      FloatVector f = FloatVector.fromArray(S, x, from + i);
      if (squares) {
        f = f.mul(f);
      }
      s0 = s0.add((DoubleVector) f.convertShape(VectorOperators.F2D, D, 0));
      s1 = s1.add((DoubleVector) f.convertShape(VectorOperators.F2D, D, 1));
    }
    double[] lanes = s0.add(s1).toArray();
    double s = 0;
    for (double lane : lanes) {
      s += lane;
    }
    for (; i < n; i++) {
      float v = x[from + i];
      s += squares ? v * v : v;
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
