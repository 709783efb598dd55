package org.vae4j.backend.pure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;

/**
 * Products large enough to take the parallel, multi-block paths of both {@link Gemm} implementations,
 * against a double-precision direct loop.
 */
class PureMatmulTest {
  private final PureKernels kernels = new PureKernels();

  @AfterEach
  void restore() {
    System.clearProperty(Gemms.PROPERTY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "false"})
  void largeFloat32ProductsMatchDirectLoops(String vector) {
    System.setProperty(Gemms.PROPERTY, vector);
    int m = 203;
    int k = 517;
    int n = 150;
    Random r = new Random(4);
    float[] a = centred(r, m * k);
    float[] b = centred(r, k * n);
    for (int t = 0; t < 4; t++) {
      boolean ta = (t & 1) != 0;
      boolean tb = (t & 2) != 0;
      try (Buffer x = kernels.fromFloats(ta ? transpose(a, m, k) : a, ta ? Shape.of(k, m) : Shape.of(m, k));
          Buffer y = kernels.fromFloats(tb ? transpose(b, k, n) : b, tb ? Shape.of(n, k) : Shape.of(k, n));
          Buffer c = kernels.matmul(x, y, ta, tb)) {
        float[] got = kernels.toFloats(c);
        for (int i = 0; i < m; i += 7) {
          for (int j = 0; j < n; j++) {
            double e = 0;
            for (int p = 0; p < k; p++) {
              e += (double) a[i * k + p] * b[p * n + j];
            }
            assertThat((double) got[i * n + j]).as("C(%d, %d) transposeA %s transposeB %s vector %s", i, j, ta, tb,
                vector).isCloseTo(e, org.assertj.core.data.Offset.offset(1e-4));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "false"})
  void largeFloat64BatchesMatchDirectLoops(String vector) {
    System.setProperty(Gemms.PROPERTY, vector);
    int batch = 3;
    int m = 97;
    int k = 300;
    int n = 71;
    Random r = new Random(5);
    double[] a = r.doubles((long) batch * m * k, -1, 1).toArray();
    double[] b = r.doubles((long) k * n, -1, 1).toArray();
    try (Buffer x = kernels.fromDoubles(a, Shape.of(batch, m, k));
        Buffer y = kernels.fromDoubles(b, Shape.of(k, n));
        Buffer c = kernels.matmul(x, y, false, false)) {
      double[] got = kernels.toDoubles(c);
      for (int s = 0; s < batch; s++) {
        for (int i = 0; i < m; i += 5) {
          for (int j = 0; j < n; j++) {
            double e = 0;
            for (int p = 0; p < k; p++) {
              e += a[(s * m + i) * k + p] * b[p * n + j];
            }
            assertThat(got[(s * m + i) * n + j]).isCloseTo(e, org.assertj.core.data.Offset.offset(1e-12));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "false"})
  void float32ProductsOverwriteOrAddToTheirBlockOfCAlone(String vector) {
    System.setProperty(Gemms.PROPERTY, vector);
    int m = 131;
    int k = 300;
    int n = 45;
    int ldc = n + 3;
    Random r = new Random(6);
    float[] a = centred(r, m * k);
    float[] bt = centred(r, n * k);
    float[] c = new float[m * ldc];
    java.util.Arrays.fill(c, Float.NaN);
    Gemms.get().sgemm(m, n, k, a, 0, k, 1, bt, 0, 1, k, c, 0, ldc, false);
    float[] twice = c.clone();
    Gemms.get().sgemm(m, n, k, a, 0, k, 1, bt, 0, 1, k, twice, 0, ldc, true);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < ldc; j++) {
        if (j >= n) {
          assertThat(c[i * ldc + j]).as("C(%d, %d), outside the block", i, j).isNaN();
          continue;
        }
        double e = 0;
        for (int p = 0; p < k; p++) {
          e += (double) a[i * k + p] * bt[j * k + p];
        }
        assertThat((double) c[i * ldc + j]).as("C(%d, %d) vector %s", i, j, vector)
            .isCloseTo(e, org.assertj.core.data.Offset.offset(1e-4));
        assertThat((double) twice[i * ldc + j]).as("2 C(%d, %d) vector %s", i, j, vector)
            .isCloseTo(2 * e, org.assertj.core.data.Offset.offset(2e-4));
      }
    }
  }

  /**
   * Products of at most one panel's width ({@link VectorSgemm#NR} columns) read A where it lies instead of
   * packing it: every row count modulo the micro-kernel's six (the last sliver reads past no array's end: A is
   * exactly {@code m x k}), both layouts of A, two k blocks, overwriting and adding.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 17, 32})
  void float32ProductsOfOnePanelReadAInPlace(int n) {
    System.setProperty(Gemms.PROPERTY, "true");
    int k = 300;
    Random r = new Random(7);
    for (int m = 60; m < 66; m++) {
      float[] a = centred(r, m * k);
      float[] b = centred(r, k * n);
      for (boolean transposedA : new boolean[] {false, true}) {
        float[] stored = transposedA ? transpose(a, m, k) : a;
        float[] c = new float[m * n];
        Gemms.get().sgemm(m, n, k, stored, 0, transposedA ? 1 : k, transposedA ? m : 1, b, 0, n, 1, c, 0, n,
            false);
        float[] twice = c.clone();
        Gemms.get().sgemm(m, n, k, stored, 0, transposedA ? 1 : k, transposedA ? m : 1, b, 0, n, 1, twice, 0, n,
            true);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double e = 0;
            for (int p = 0; p < k; p++) {
              e += (double) a[i * k + p] * b[p * n + j];
            }
            assertThat((double) c[i * n + j]).as("C(%d, %d) of %d x %d, A transposed %s", i, j, m, n, transposedA)
                .isCloseTo(e, org.assertj.core.data.Offset.offset(1e-4));
            assertThat((double) twice[i * n + j]).as("2 C(%d, %d)", i, j)
                .isCloseTo(2 * e, org.assertj.core.data.Offset.offset(2e-4));
          }
        }
      }
    }
  }

  /** {@code n} floats uniform in [-0.5, 0.5). */
  private static float[] centred(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() - 0.5f;
    }
    return v;
  }

  private static float[] transpose(float[] v, int rows, int cols) {
    float[] t = new float[v.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = v[i * cols + j];
      }
    }
    return t;
  }
}
