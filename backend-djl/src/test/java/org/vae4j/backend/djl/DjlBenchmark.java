package org.vae4j.backend.djl;

import java.util.Locale;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Conv2dSpec;

/**
 * A quick throughput check of the djl backend's CPU kernels, not run by surefire: float32 matmul GFLOP/s at
 * 512x512x512 and 128x784x400, the latency of one small op (a 128x20 add, result closed) in microseconds, and
 * the time of a conv-VAE encoder layer (128x32x14x14 to 64 channels, 4x4 kernel, stride 2, padding 1) forward and
 * through both gradient kernels.
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
    convolution(k);
  }

  private static void convolution(DjlKernels k) {
    Conv2dSpec spec = Conv2dSpec.of(2, 1);
    Shape in = Shape.of(128, 32, 14, 14);
    Shape w = Shape.of(64, 32, 4, 4);
    Shape out = Shape.of(128, 64, spec.outH(14, 4), spec.outW(14, 4));
    try (Buffer x = k.fromFloats(new float[in.sizeAsInt()], in);
        Buffer weight = k.fromFloats(new float[w.sizeAsInt()], w);
        Buffer grad = k.fromFloats(new float[out.sizeAsInt()], out)) {
      int reps = 10;
      for (int pass = 0; pass < 2; pass++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          k.conv2d(x, weight, spec).close();
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          k.conv2dBackwardInput(grad, weight, in, spec).close();
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          k.conv2dBackwardWeight(x, grad, w, spec).close();
        }
        long t3 = System.nanoTime();
        if (pass == 1) {
          System.out.printf(Locale.ROOT, "conv2d 128x32x14x14 -> 64, 4x4 stride 2: forward %.1f ms, backward input"
              + " %.1f ms, backward weight %.1f ms%n", (t1 - t0) / 1e6 / reps, (t2 - t1) / 1e6 / reps,
              (t3 - t2) / 1e6 / reps);
        }
      }
    }
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
