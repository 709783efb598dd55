package org.vae4j.backend.djl;

import java.util.Locale;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;

/**
 * A quick throughput check of the djl backend's CPU kernels, not run by surefire: float32 matmul GFLOP/s at
 * 512x512x512 and 128x784x400, and the latency of one small op (a 128x20 add, result closed) in microseconds.
 * Run it from the repository root after {@code mvn -B -q -pl backend-djl -am test-compile
 * dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test} with
 * {@code java -cp backend-djl/target/test-classes:backend-djl/target/classes:$(cat backend-djl/target/cp.txt)
 * org.vae4j.backend.djl.DjlBenchmark}.
 */
public final class DjlBenchmark {

  private DjlBenchmark() {
  }

  public static void main(String[] args) {
    DjlKernels k = DjlTestKernels.cpu();
    System.out.println(DjlTestKernels.backend().describe());
    matmul(k, 512, 512, 512, 60);
    matmul(k, 128, 784, 400, 300);
    smallOpLatency(k);
  }

  private static void matmul(DjlKernels k, int m, int kk, int n, int reps) {
    try (Buffer a = k.fromFloats(KernelsTestBase.floats(KernelsTestBase.values(1, m * kk, -1, 1)), Shape.of(m, kk));
        Buffer b = k.fromFloats(KernelsTestBase.floats(KernelsTestBase.values(2, kk * n, -1, 1)), Shape.of(kk, n))) {
      for (int i = 0; i < reps / 3; i++) {
        k.matmul(a, b, false, false).close();
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        k.matmul(a, b, false, false).close();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "matmul float32 %dx%dx%d: %.1f GFLOP/s (%.3f ms each)%n", m, kk, n,
          2.0 * m * kk * n * reps / seconds / 1e9, seconds * 1e3 / reps);
    }
  }

  private static void smallOpLatency(DjlKernels k) {
    try (Buffer a = k.fromFloats(new float[128 * 20], Shape.of(128, 20));
        Buffer b = k.fromFloats(new float[128 * 20], Shape.of(128, 20))) {
      int reps = 20_000;
      for (int i = 0; i < reps / 4; i++) {
        k.binary(BinaryOp.ADD, a, b).close();
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        k.binary(BinaryOp.ADD, a, b).close();
      }
      System.out.printf(Locale.ROOT, "add float32 128x20 (result closed): %.1f us per op%n",
          (System.nanoTime() - t0) / 1e3 / reps);
    }
  }
}
