package org.vae4j.backend.pure;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp, log and tanh of FLOAT32 vectors from additions, multiplications, divisions and bit operations
 * only (Cephes' single-precision polynomials, within 2 ulp of {@link Math} for normal results),
 * so every lane's result is the same bits whether the JIT has compiled the loop or not. The JDK's own
 * {@code lanewise(EXP)}, {@code LOG} and {@code TANH} are not: interpreted they call {@link Math} per lane,
 * compiled they call the vector math library, and the two differ in the last place, which made a resumed
 * run's losses depend on when the compiler got to the loop. Special values follow {@link Math}: NaN in, NaN
 * out; {@code exp} overflows to infinity and underflows through the subnormals to zero; {@code log} of zero
 * is minus infinity and of a negative number NaN. Stateless and thread-safe; callers must be inlined by the
 * JIT (they are small) for the vectors not to be boxed.
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

  private VectorMath() {
  }

  /** {@code e^x} per lane. */
  static FloatVector exp(FloatVector x) {
    VectorMask<Float> nan = x.test(VectorOperators.IS_NAN);
    FloatVector xc = x.blend(0f, nan).max(EXP_UNDERFLOW).min(EXP_OVERFLOW);
    FloatVector t = xc.mul(LOG2E);
    FloatVector half = FloatVector.broadcast(x.species(), 0.5f).blend(-0.5f, t.compare(VectorOperators.LT, 0f));
    IntVector n = (IntVector) t.add(half).convert(VectorOperators.F2I, 0);
    FloatVector fn = (FloatVector) n.convert(VectorOperators.I2F, 0);
    FloatVector r = xc.sub(fn.mul(LN2_HI)).sub(fn.mul(LN2_LO));
    FloatVector p = FloatVector.broadcast(x.species(), 1.9875691500e-4f);
    p = p.mul(r).add(1.3981999507e-3f);
    p = p.mul(r).add(8.3334519073e-3f);
    p = p.mul(r).add(4.1665795894e-2f);
    p = p.mul(r).add(1.6666665459e-1f);
    p = p.mul(r).add(5.0000001201e-1f);
    FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
    IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
    IntVector n2 = n.sub(n1);
    y = y.mul(powerOfTwo(n1)).mul(powerOfTwo(n2));
    return y.blend(0f, x.compare(VectorOperators.LT, EXP_UNDERFLOW))
        .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_OVERFLOW))
        .blend(Float.NaN, nan);
  }

  /** {@code 2^k} per lane for {@code -126 <= k <= 127}. */
  private static FloatVector powerOfTwo(IntVector k) {
    return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
  }

  /** The natural logarithm per lane. */
  static FloatVector log(FloatVector x) {
    VectorMask<Float> subnormal = x.compare(VectorOperators.LT, SMALLEST_NORMAL);
    FloatVector xs = x.blend(x.mul(8388608f), subnormal);
    IntVector bits = xs.reinterpretAsInts();
    IntVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(126)
        .sub(IntVector.zero(bits.species()).blend(23, subnormal.cast(bits.species())));
    FloatVector m = bits.and(0x007fffff).or(0x3f000000).reinterpretAsFloats();
    VectorMask<Float> low = m.compare(VectorOperators.LT, SQRT_HALF);
    e = e.sub(IntVector.zero(bits.species()).blend(1, low.cast(bits.species())));
    m = m.add(m.blend(0f, low.not())).sub(1f);
    FloatVector z = m.mul(m);
    FloatVector y = FloatVector.broadcast(x.species(), 7.0376836292e-2f);
    y = y.mul(m).add(-1.1514610310e-1f);
    y = y.mul(m).add(1.1676998740e-1f);
    y = y.mul(m).add(-1.2420140846e-1f);
    y = y.mul(m).add(1.4249322787e-1f);
    y = y.mul(m).add(-1.6668057665e-1f);
    y = y.mul(m).add(2.0000714765e-1f);
    y = y.mul(m).add(-2.4999993993e-1f);
    y = y.mul(m).add(3.3333331174e-1f);
    y = y.mul(m).mul(z);
    FloatVector fe = (FloatVector) e.convert(VectorOperators.I2F, 0);
    y = y.add(fe.mul(LN2_LO)).sub(z.mul(0.5f));
    FloatVector r = m.add(y).add(fe.mul(LN2_HI));
    return r.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f))
        .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY))
        .blend(Float.NaN, x.compare(VectorOperators.LT, 0f).or(x.test(VectorOperators.IS_NAN)));
  }

  /** The hyperbolic tangent per lane. */
  static FloatVector tanh(FloatVector x) {
    FloatVector z = x.abs();
    FloatVector s = exp(z.add(z));
    FloatVector large = FloatVector.broadcast(x.species(), 2f).div(s.add(1f)).neg().add(1f);
    large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
    FloatVector z2 = x.mul(x);
    FloatVector y = FloatVector.broadcast(x.species(), -5.70498872745e-3f);
    y = y.mul(z2).add(2.06390887954e-2f);
    y = y.mul(z2).add(-5.37397155531e-2f);
    y = y.mul(z2).add(1.33314422036e-1f);
    y = y.mul(z2).add(-3.33332819422e-1f);
    FloatVector small = y.mul(z2).mul(x).add(x);
    return small.blend(large, z.compare(VectorOperators.GE, 0.625f)).blend(x, z.compare(VectorOperators.EQ, 0f));
  }
}
