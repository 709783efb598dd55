package org.vae4j.backend.pure;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp and log of FLOAT32 arrays on vectors from additions, multiplications, divisions and bit operations
 * only (Cephes' single-precision polynomials, within 2 ulp of {@link Math} for normal results),
 * so every lane's result is the same bits whether the JIT has compiled the loop or not. The JDK's own
 * {@code lanewise(EXP)}, {@code LOG} and {@code TANH} are not: interpreted they call {@link Math} per lane,
 * compiled they call the vector math library, and the two differ in the last place, which made a resumed
 * run's losses depend on when the compiler got to the loop. Special values follow {@link Math}: NaN in, NaN
 * out; {@code exp} overflows to infinity and underflows through the subnormals to zero; {@code log} of zero
 * is minus infinity and of a negative number NaN. Each function is a whole loop over arrays, so that no
 * vector is handed across a call (a vector passed to or returned from a method that the JIT compiled on its
 * own is boxed, many times slower); {@code n} is a multiple of {@link #LANES}. Stateless and thread-safe.
 */
final class VectorMath {
  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** Above this exp overflows float; below {@link #EXP_UNDERFLOW} it rounds to zero. */
  private static final float EXP_OVERFLOW = 88.72283905206835f;
  private static final float EXP_UNDERFLOW = -103.972077083991796f;
  private static final float SQRT_HALF = 0.707106781186547524f;
  private static final float SMALLEST_NORMAL = 1.17549435e-38f;

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final FloatVector ZERO = FloatVector.zero(S);
  /**
   * 1.5 * 2^23: a float {@code |t| < 2^22} plus this has {@code round(t)} in its low mantissa bits, so rounding
   * and the conversions between int and float need no conversion instruction.
   */
  private static final float ROUNDING = 12582912f;
  private static final int ROUNDING_BITS = Float.floatToRawIntBits(ROUNDING);
  /** Lanes of the vectors used here. */
  static final int LANES = S.length();

  private VectorMath() {
  }

  /** {@code y[yo + i] = e^x[xo + i]} for {@code i < n}; {@code y} may be {@code x}. */
  static void exp(float[] src, int xo, float[] dst, int yo, int n) {
    for (int i = 0; i < n; i += LANES) {
      FloatVector x = FloatVector.fromArray(S, src, xo + i);
      VectorMask<Float> nan = x.compare(VectorOperators.NE, x);
      FloatVector xc = x.blend(0f, nan).max(EXP_UNDERFLOW).min(EXP_OVERFLOW);
      FloatVector shifted = xc.mul(LOG2E).add(ROUNDING);
      IntVector k = shifted.reinterpretAsInts().sub(ROUNDING_BITS);
      FloatVector fn = shifted.sub(ROUNDING);
      FloatVector r = xc.sub(fn.mul(LN2_HI)).sub(fn.mul(LN2_LO));
      FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f);
      p = p.mul(r).add(8.3334519073e-3f);
      p = p.mul(r).add(4.1665795894e-2f);
      p = p.mul(r).add(1.6666665459e-1f);
      p = p.mul(r).add(5.0000001201e-1f);
      FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
      IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
      IntVector k2 = k.sub(k1);
      y = y.mul(k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
          .mul(k2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
      y.blend(0f, x.compare(VectorOperators.LT, EXP_UNDERFLOW))
          .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_OVERFLOW))
          .blend(Float.NaN, nan).intoArray(dst, yo + i);
    }
  }

  /** {@code y[yo + i] = ln x[xo + i]} for {@code i < n}; {@code y} may be {@code x}. */
  static void log(float[] src, int xo, float[] dst, int yo, int n) {
    for (int i = 0; i < n; i += LANES) {
      FloatVector x = FloatVector.fromArray(S, src, xo + i);
      VectorMask<Float> subnormal = x.compare(VectorOperators.LT, SMALLEST_NORMAL);
      IntVector bits = x.blend(x.mul(8388608f), subnormal).reinterpretAsInts();
      FloatVector fe = bits.lanewise(VectorOperators.LSHR, 23).add(ROUNDING_BITS).reinterpretAsFloats()
          .sub(ROUNDING + 126f).sub(ZERO.blend(23f, subnormal));
      FloatVector m = bits.and(0x007fffff).or(0x3f000000).reinterpretAsFloats();
      VectorMask<Float> low = m.compare(VectorOperators.LT, SQRT_HALF);
      fe = fe.sub(ZERO.blend(1f, low));
      m = m.add(m.blend(0f, low.not())).sub(1f);
      FloatVector z = m.mul(m);
      FloatVector y = m.mul(7.0376836292e-2f).add(-1.1514610310e-1f);
      y = y.mul(m).add(1.1676998740e-1f);
      y = y.mul(m).add(-1.2420140846e-1f);
      y = y.mul(m).add(1.4249322787e-1f);
      y = y.mul(m).add(-1.6668057665e-1f);
      y = y.mul(m).add(2.0000714765e-1f);
      y = y.mul(m).add(-2.4999993993e-1f);
      y = y.mul(m).add(3.3333331174e-1f);
      y = y.mul(m).mul(z);
      y = y.add(fe.mul(LN2_LO)).sub(z.mul(0.5f));
      FloatVector r = m.add(y).add(fe.mul(LN2_HI));
      r.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f))
          .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY))
          .blend(Float.NaN, x.compare(VectorOperators.LT, 0f).or(x.compare(VectorOperators.NE, x)))
          .intoArray(dst, yo + i);
    }
  }
}
