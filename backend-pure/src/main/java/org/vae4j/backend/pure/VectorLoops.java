package org.vae4j.backend.pure;

import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * The FLOAT32 loops that the JDK Vector API runs many times faster than scalar Java (transcendental functions
 * through {@link VectorMath}, comparisons, reductions, the fused kernels), each giving the same bits whether
 * the JIT has compiled it or not. {@link #get()} gives the implementation ({@link VectorFloatLoops}, loaded
 * only when {@code jdk.incubator.vector} is present) while {@link Gemms#vectorEnabled()} holds, else null, and
 * the callers run their scalar loops; results agree with the scalar loops to a few units in the last place of
 * float. Arrays are contiguous; ranges are half-open.
 * Implementations are thread-safe.
 */
interface VectorLoops {

  /** The loop of {@code op}, or null where this class has none (the special functions, SIGN, FLOOR). */
  UnaryKernels.FloatLoop unary(UnaryOp op);

  /**
   * {@code out[o + i] = op(a[ia + i], b[ib + i])} for {@code i < n}, with {@code a[ia]} repeated when
   * {@code scalarA} and {@code b[ib]} when {@code scalarB} (not both); comparisons give 1 or 0.
   *
   * @return false, having done nothing, for an op without a vector loop here (POW)
   */
  boolean binary(BinaryOp op, float[] a, int ia, boolean scalarA, float[] b, int ib, boolean scalarB, float[] out,
      int o, int n);

  /** {@code out[i] = max(l, 0) - l t + log1p(e^-|l|)} of {@code l = logits[i], t = targets[i]}. */
  void bceWithLogits(float[] logits, float[] targets, float[] out, int from, int to);

  /**
   * {@code out[i] = grad[i] * (sigmoid(l) - t)} of {@code l = logits[i], t = targets[i]}, with the sigmoid of
   * {@link #unary}{@code (SIGMOID)}: the same bits as that sigmoid, a subtraction and a product.
   */
  void bceWithLogitsGradient(float[] grad, float[] logits, float[] targets, float[] out, int from, int to);

  /**
   * One Adam step in place over {@code [from, to)}, as {@link PureFused#adamUpdate}: {@code m = b1 m + c1 g},
   * {@code v = b2 v + c2 g^2}, {@code p -= step m / (sqrt(v) invCorrection + eps)}.
   */
  void adam(float[] p, float[] g, float[] m, float[] v, int from, int to, float b1, float c1, float b2, float c2,
      float eps, float step, float invCorrection);

  /** The sum of {@code x[from + i]}, {@code i < n}, accumulated in double. */
  double sum(float[] x, int from, int n);

  /**
   * {@code acc[at + i] += x[from + i]} for {@code i < n}, each float widened to double first: the same bits as
   * that scalar loop.
   */
  void accumulate(float[] x, int from, double[] acc, int at, int n);

  /** The sum of the squares of {@code x[from .. from + n)}, each square rounded to float, added in double. */
  double sumOfSquares(float[] x, int from, int n);

  /** The largest ({@code max}) or smallest of {@code x[from + i]}, {@code i < n >= 1}; NaN if any is NaN. */
  float extremum(float[] x, int from, int n, boolean max);

  /**
   * {@code out[o + i] = pad[from + i] ? 0 : x[base + index[from + i]]} for {@code i < n}: a gather, where
   * {@code index} holds a valid offset (0, say) wherever {@code pad} is set.
   */
  void gather(float[] x, int base, int[] index, boolean[] pad, int from, float[] out, int o, int n);

  /**
   * {@code out[o + i] = pad[from + i] ? 0 : x[at + i]} for {@code i < n}: a shifted run of a plane, masked
   * (elements of {@code x} under the padding may be read, never used).
   */
  void maskedCopy(float[] x, int at, boolean[] pad, int from, float[] out, int o, int n);

  /**
   * {@code x[at + i] += cols[c + i]} for {@code i < n} where {@code pad[from + i]} is not set: a shifted run
   * added back into a plane {@code [lo, hi)} that contains every element added to; elements of the plane under
   * the padding may be read and written back unchanged, none outside it is touched.
   */
  void maskedAdd(float[] cols, int c, boolean[] pad, int from, float[] x, int at, int lo, int hi, int n);

  /** The implementation while the Vector API kernels are enabled, else null. */
  static VectorLoops get() {
    return Gemms.vectorEnabled() ? Holder.LOOPS : null;
  }

  /** Loads the implementation once, when the module is present. */
  final class Holder {
    private static final VectorLoops LOOPS = load();

    private Holder() {
    }

    private static VectorLoops load() {
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        return null;
      }
      try {
        return (VectorLoops) Class.forName("org.vae4j.backend.pure.VectorFloatLoops").getDeclaredConstructor()
            .newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        return null;
      }
    }
  }
}
