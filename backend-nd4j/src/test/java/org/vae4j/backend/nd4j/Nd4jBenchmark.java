package org.vae4j.backend.nd4j;

import java.util.Locale;
import java.util.Random;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Kernels;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * A quick throughput and latency probe of the ND4J kernels, run by hand (surefire does not run it):
 * {@code java -cp ... org.vae4j.backend.nd4j.Nd4jBenchmark [seconds per measurement]} (add
 * {@code -Dvae4j.nd4j.threads=1} on a machine whose cores are busy). Prints FLOAT32 matmul
 * GFLOP/s at 512x512x512 and 128x784x400 and the latency of small ops in microseconds.
 */
public final class Nd4jBenchmark {

  private Nd4jBenchmark() {
  }

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
    Backend backend = new Nd4jBackendProvider().create();
    Kernels k = backend.kernels(Device.CPU);
    System.out.println(backend.describe());
    matmul(k, 512, 512, 512, seconds);
    matmul(k, 128, 784, 400, seconds);
    try (Buffer a = random(k, Shape.of(128, 20)); Buffer b = random(k, Shape.of(128, 20));
        Buffer bias = random(k, Shape.of(20))) {
      latency("add (128, 20) + (128, 20)", seconds, () -> k.binary(BinaryOp.ADD, a, b));
      latency("add (128, 20) + (20) broadcast", seconds, () -> k.binary(BinaryOp.ADD, a, bias));
      latency("tanh (128, 20)", seconds, () -> k.unary(UnaryOp.TANH, a));
      latency("softplus (128, 20)", seconds, () -> k.unary(UnaryOp.SOFTPLUS, a));
      latency("sum over axis 0 of (128, 20)", seconds, () -> k.reduce(ReduceOp.SUM, a, new int[] {0}, false));
      latency("matmul (128, 20) @ (128, 20)^T", seconds, () -> k.matmul(a, b, false, true));
      latency("reshape (128, 20) -> (2560)", seconds, () -> k.reshape(a, Shape.of(2560)));
    }
  }

  private static Buffer random(Kernels k, Shape shape) {
    Random r = new Random(1);
    float[] v = new float[shape.sizeAsInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return k.fromFloats(v, shape);
  }

  private static void matmul(Kernels k, int m, int kk, int n, double seconds) {
    try (Buffer a = random(k, Shape.of(m, kk)); Buffer b = random(k, Shape.of(kk, n))) {
      double us = time(seconds, () -> k.matmul(a, b, false, false));
      System.out.printf(Locale.ROOT, "matmul f32 %dx%dx%d: %.1f GFLOP/s (%.0f us)%n", m, kk, n,
          2.0 * m * kk * n / us / 1e3, us);
    }
  }

  private static void latency(String what, double seconds, java.util.function.Supplier<Buffer> op) {
    System.out.printf(Locale.ROOT, "%s: %.1f us%n", what, time(seconds, op));
  }

  /** Mean microseconds per call, closing each result, after a warm-up of a third of the time. */
  private static double time(double seconds, java.util.function.Supplier<Buffer> op) {
    long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
    while (System.nanoTime() < warmEnd) {
      op.get().close();
    }
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long calls = 0;
    while (System.nanoTime() < end || calls < 3) {
      op.get().close();
      calls++;
    }
    return (System.nanoTime() - start) / 1e3 / calls;
  }
}
