package org.vae4j.backend.pure.bench;

import java.util.Locale;
import java.util.Random;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Kernels;
import org.vae4j.backend.pure.PureBackendProvider;

/**
 * Prints FLOAT32 (and FLOAT64) matmul throughput of the pure backend in GFLOP/s, with the Vector API
 * kernel and with the scalar fallback (forced by {@code -Dvae4j.pure.vector=false}, toggled here), for
 * 512 x 512 x 512 and 128 x 784 x 400. Run by hand; the class name keeps surefire from picking it up:
 *
 * <pre>
 * mvn -B -q -pl backend-pure -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java --add-modules jdk.incubator.vector \
 *     -cp backend-pure/target/test-classes:backend-pure/target/classes:$(cat backend-pure/target/bench.cp) \
 *     org.vae4j.backend.pure.bench.MatmulBenchmark [seconds per case, default 2] [MxKxN ...]
 * </pre>
 *
 * <p>Add {@code -XX:ActiveProcessorCount=1} for one thread. "Per CPU-second" divides by the process's CPU
 * time instead of wall time, which stays meaningful when other processes compete for the cores.
 */
public final class MatmulBenchmark {
  private static final int[][] DEFAULT_SIZES = {{512, 512, 512}, {128, 784, 400}};
  /** Warm-up continues until the process has spent this much CPU time, so the JIT finishes on a busy host. */
  private static final long WARMUP_CPU_NANOS = 2_000_000_000L;

  private MatmulBenchmark() {
  }

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
    int[][] sizes = DEFAULT_SIZES;
    if (args.length > 1) {
      sizes = new int[args.length - 1][];
      for (int i = 1; i < args.length; i++) {
        sizes[i - 1] = java.util.Arrays.stream(args[i].split("x")).mapToInt(Integer::parseInt).toArray();
      }
    }
    try (Backend backend = new PureBackendProvider().create()) {
      Kernels k = backend.kernels(backend.defaultDevice());
      System.out.println(backend.describe());
      for (String vector : new String[] {"true", "false"}) {
        System.setProperty("vae4j.pure.vector", vector);
        for (int[] s : sizes) {
          double[] f32 = measure(k, s[0], s[1], s[2], false, seconds);
          double[] f64 = measure(k, s[0], s[1], s[2], true, seconds / 2);
          System.out.printf(Locale.ROOT, "vector=%-5s %4d x %4d x %4d  float32 %6.1f GFLOP/s (%6.1f per CPU-second)"
              + "  float64 %6.1f GFLOP/s (%6.1f per CPU-second)%n", vector, s[0], s[1], s[2], f32[0], f32[1],
              f64[0], f64[1]);
        }
      }
    }
  }

  /** Wall-clock GFLOP/s and GFLOP per second of process CPU time (robust when other processes compete). */
  private static double[] measure(Kernels k, int m, int kk, int n, boolean doubles, double seconds) {
    Random r = new Random(1);
    Buffer a;
    Buffer b;
    if (doubles) {
      a = k.fromDoubles(r.doubles((long) m * kk).toArray(), Shape.of(m, kk));
      b = k.fromDoubles(r.doubles((long) kk * n).toArray(), Shape.of(kk, n));
    } else {
      float[] x = new float[m * kk];
      float[] y = new float[kk * n];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextFloat();
      }
      for (int i = 0; i < y.length; i++) {
        y[i] = r.nextFloat();
      }
      a = k.fromFloats(x, Shape.of(m, kk));
      b = k.fromFloats(y, Shape.of(kk, n));
    }
    long warmStart = System.nanoTime();
    long warmCpu = cpuNanos();
    while (System.nanoTime() - warmStart < seconds * 0.3e9
        || cpuNanos() - warmCpu < WARMUP_CPU_NANOS && System.nanoTime() - warmStart < 60e9) {
      k.matmul(a, b, false, false).close();
    }
    long cpuStart = cpuNanos();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 0.7e9);
    int runs = 0;
    long now;
    do {
      k.matmul(a, b, false, false).close();
      runs++;
      now = System.nanoTime();
    } while (now < end);
    long cpu = cpuNanos() - cpuStart;
    a.close();
    b.close();
    double flops = 2.0 * m * kk * n * runs;
    return new double[] {flops / (now - start), flops / cpu};
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
