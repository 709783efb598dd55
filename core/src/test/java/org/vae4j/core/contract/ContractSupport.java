package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;

/**
 * What every contract group needs: the backend under test, buffers made from double data in any dtype
 * (closed after each test), and comparisons with a mixed absolute and relative tolerance.
 */
public abstract class ContractSupport {
  private final List<Buffer> made = new ArrayList<>();

  /** The kernels under test: the backend module's selected backend (see ContractBackend). */
  protected Kernels kernels() {
    return ContractBackend.kernels();
  }

  /** The capabilities of the backend under test. */
  protected Set<Capability> capabilities() {
    return ContractBackend.capabilities();
  }

  @AfterEach
  void closeBuffers() {
    for (Buffer b : made) {
      b.close();
    }
    made.clear();
  }

  /** Skips the calling test when the backend cannot compute in {@code dtype}. */
  protected void assumeSupported(DType dtype) {
    if (dtype == DType.FLOAT64) {
      assumeTrue(capabilities().contains(Capability.FLOAT64), "backend lacks Capability.FLOAT64");
    }
  }

  /** Registers a buffer to be closed after the test and returns it. */
  protected Buffer track(Buffer b) {
    made.add(b);
    return b;
  }

  /** A buffer of {@code dtype} holding {@code values} (rounded to float, or truncated to int, as needed). */
  protected Buffer make(double[] values, Shape shape, DType dtype) {
    return track(switch (dtype) {
      case FLOAT32 -> kernels().fromFloats(toFloat(values), shape);
      case FLOAT64 -> kernels().fromDoubles(values.clone(), shape);
      case INT32 -> kernels().fromInts(toInt(values), shape);
    });
  }

  /** The values a buffer of {@code dtype} actually holds after {@link #make}. */
  protected static double[] rounded(double[] values, DType dtype) {
    double[] r = new double[values.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = switch (dtype) {
        case FLOAT32 -> (float) values[i];
        case FLOAT64 -> values[i];
        case INT32 -> (int) values[i];
      };
    }
    return r;
  }

  protected static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  protected static int[] toInt(double[] v) {
    int[] r = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (int) v[i];
    }
    return r;
  }

  /** Uniform values in {@code [lo, hi)}, reproducible from the seed. */
  protected static double[] uniform(int n, long seed, double lo, double hi) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + (hi - lo) * r.nextDouble();
    }
    return v;
  }

  /** Small integers in {@code [lo, hi]} as doubles, so that comparisons meet ties. */
  protected static double[] integers(int n, long seed, int lo, int hi) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + r.nextInt(hi - lo + 1);
    }
    return v;
  }

  /** Relative tolerance for results rounded once or a few times in {@code dtype}. */
  protected static double rtol(DType dtype) {
    return dtype == DType.FLOAT32 ? 2e-6 : 1e-13;
  }

  /** Absolute tolerance near zero. */
  protected static double atol(DType dtype) {
    return dtype == DType.FLOAT32 ? 1e-6 : 1e-14;
  }

  /** Asserts shape, dtype and every element within {@code atol + rtol * |expected|} (NaN matches NaN). */
  protected void assertBuffer(Buffer actual, Shape shape, DType dtype, double[] expected, double rtol,
      double atol, String what) {
    assertThat(actual.shape()).as("%s: shape", what).isEqualTo(shape);
    assertThat(actual.dtype()).as("%s: dtype", what).isEqualTo(dtype);
    assertClose(kernels().toDoubles(actual), expected, rtol, atol, what);
  }

  /** Asserts shape, dtype and elements with this dtype's default tolerances. */
  protected void assertBuffer(Buffer actual, Shape shape, DType dtype, double[] expected, String what) {
    assertBuffer(actual, shape, dtype, expected, rtol(dtype), atol(dtype), what);
  }

  protected static void assertClose(double[] actual, double[] expected, double rtol, double atol, String what) {
    assertThat(actual).as("%s: length", what).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      if (Double.isNaN(e)) {
        assertThat(a).as("%s: element %d should be NaN", what, i).isNaN();
        continue;
      }
      if (Double.isInfinite(e)) {
        assertThat(a).as("%s: element %d", what, i).isEqualTo(e);
        continue;
      }
      double bound = atol + rtol * Math.abs(e);
      assertThat(Math.abs(a - e)).as("%s: element %d is %s, expected %s (tolerance %s)", what, i, a, e, bound)
          .isLessThanOrEqualTo(bound);
    }
  }

  /** The dot product of two equally long arrays. */
  protected static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
