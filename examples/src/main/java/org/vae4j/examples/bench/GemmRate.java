package org.vae4j.examples.bench;

import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.random.PhiloxStream;

/**
 * A backend's own float32 matrix-product rate, measured in this process: the yardstick that {@code vae4j
 * bench} divides each row's achieved FLOP rate by. The product timed is {@code (m, k) @ (k, n)} through
 * {@link Kernels#matmul}, operands made once, each result closed; a warm-up (JIT, native initialisation,
 * thread pools) runs first. {@link #gflops} measures in one go, a {@link Sampler} in bursts between other
 * work.
 */
public final class GemmRate {
  /** The yardstick: a batch of 784 features times a 784 x 400 weight, the MLP VAE's widest layer. */
  public static final int K = 784;
  /** See {@link #K}. */
  public static final int N = 400;

  private GemmRate() {
  }

  /**
   * GFLOP/s ({@code 2 m k n} FLOPs per product) of {@code (m, k) @ (k, n)} on {@code kernels}, over about
   * {@code seconds} after a warm-up of a third of that.
   */
  public static double gflops(Kernels kernels, int m, int k, int n, double seconds) {
    try (Buffer a = random(kernels, m, k); Buffer b = random(kernels, k, n)) {
      Runnable product = () -> kernels.matmul(a, b, false, false).close();
      run(product, seconds / 3);
      long[] done = run(product, seconds);
      return 2.0 * m * k * n * done[0] / (done[1] / 1e9) / 1e9;
    }
  }

  /**
   * Measures the rate in short bursts spread over a longer run (between training steps), so that the rate
   * reflects the same machine load as the steps around it. Owns two operand buffers; close it. Not thread-safe.
   */
  public static final class Sampler implements AutoCloseable {
    private final Buffer a;
    private final Buffer b;
    private final Runnable product;
    private final double flopsPerProduct;
    private long products;
    private long nanos;

    /** Operands of {@code (m, k) @ (k, n)} on {@code kernels}, warmed up for {@code warmupSeconds}. */
    public Sampler(Kernels kernels, int m, int k, int n, double warmupSeconds) {
      this.a = random(kernels, m, k);
      this.b = random(kernels, k, n);
      this.product = () -> kernels.matmul(a, b, false, false).close();
      this.flopsPerProduct = 2.0 * m * k * n;
      run(product, warmupSeconds);
    }

    /** Runs products for about {@code seconds} and adds them to the measurement. */
    public void sample(double seconds) {
      long[] done = run(product, seconds);
      products += done[0];
      nanos += done[1];
    }

    /** GFLOP/s over every sample so far (NaN before the first). */
    public double gflops() {
      return nanos == 0 ? Double.NaN : flopsPerProduct * products / (nanos / 1e9) / 1e9;
    }

    @Override
    public void close() {
      a.close();
      b.close();
    }
  }

  private static Buffer random(Kernels k, int rows, int cols) {
    return k.fromFloats(PhiloxStream.seeded(rows * 31L + cols).uniformFloats(rows * cols), Shape.of(rows, cols));
  }

  /** Runs {@code op} at least once and until {@code seconds} have passed: {count, nanoseconds}. */
  static long[] run(Runnable op, double seconds) {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long count = 0;
    long now;
    do {
      op.run();
      count++;
      now = System.nanoTime();
    } while (now < end);
    return new long[] {count, now - start};
  }
}
