package org.vae4j.backend.pure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FLOAT32 and FLOAT64 twins of the pure backend's GEMM kernels stay twins: VectorDgemm is VectorSgemm
 * with double for float, and every {@link Gemm}'s sgemm and dgemm give the same numbers where both are exact.
 * A fix made to one twin only fails here.
 */
class TypeTwinsTest {
  private static final Path SOURCES = Path.of("src", "main", "java", "org", "vae4j", "backend", "pure");

  @AfterEach
  void restore() {
    System.clearProperty(Gemms.PROPERTY);
  }

  /** VectorSgemm's text with its FLOAT32 words replaced by their FLOAT64 twins. */
  private static String asFloat64(String float32) {
    return float32.replaceAll("\\bfloat\\b", "double").replace("Float", "Double").replaceAll("\\b0f\\b", "0.0")
        .replace("Sgemm", "Dgemm").replace("sgemm", "dgemm").replace("FLOAT32", "FLOAT64");
  }

  @Test
  void vectorDgemmIsVectorSgemmWithDoubleForFloat() throws IOException {
    String sgemm = Files.readString(SOURCES.resolve("VectorSgemm.java"));
    String dgemm = Files.readString(SOURCES.resolve("VectorDgemm.java"));
    assertThat(dgemm).as("VectorDgemm.java must be VectorSgemm.java with float -> double, Float -> Double,"
        + " 0f -> 0.0, sgemm -> dgemm: change both").isEqualTo(asFloat64(sgemm));
  }

  /**
   * Small integers make every product and partial sum exact in both types, so the twins must agree bit for
   * bit, on shapes that leave remainders in every tile dimension, with and without accumulation and with
   * transposed (swapped-stride) operands.
   */
  @ParameterizedTest
  @ValueSource(strings = {"true", "false"})
  void sgemmAndDgemmAgreeExactlyOnIntegers(String vector) {
    System.setProperty(Gemms.PROPERTY, vector);
    Gemm gemm = Gemms.get();
    Random random = new Random(5);
    int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {17, 33, 9}, {64, 64, 64}, {129, 67, 130}};
    for (int[] s : sizes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      for (boolean transposeA : new boolean[] {false, true}) {
        for (boolean accumulate : new boolean[] {false, true}) {
          double[] a = integers(random, m * k);
          double[] b = integers(random, k * n);
          double[] c = integers(random, m * n);
          float[] cf = toFloats(c);
          double[] cd = c.clone();
          int aRs = transposeA ? 1 : k;
          int aCs = transposeA ? m : 1;
          gemm.sgemm(m, n, k, toFloats(a), 0, aRs, aCs, toFloats(b), 0, n, 1, cf, 0, n, accumulate);
          gemm.dgemm(m, n, k, a, 0, aRs, aCs, b, 0, n, 1, cd, 0, n, accumulate);
          for (int i = 0; i < cd.length; i++) {
            assertThat((double) cf[i]).as("%s gemm %dx%dx%d transposeA %s accumulate %s, element %d",
                gemm.getClass().getSimpleName(), m, n, k, transposeA, accumulate, i).isEqualTo(cd[i]);
          }
        }
      }
    }
  }

  private static double[] integers(Random random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextInt(7) - 3;
    }
    return v;
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
