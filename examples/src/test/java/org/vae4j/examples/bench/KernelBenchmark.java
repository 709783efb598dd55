package org.vae4j.examples.bench;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BackendProvider;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.Backends;
import org.vae4j.core.random.PhiloxStream;

/**
 * Kernel figures of every backend in one process, so they compare as ratios: float32 matmul GFLOP/s at
 * 512x512x512 and 128x784x400, and the latency of a small op (a (128, 20) add). Not a unit test; run:
 *
 * <pre>{@code
 * mvn -B -q -pl examples -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
 *     -Dmdep.includeScope=test
 * java --add-modules jdk.incubator.vector \
 *     -cp examples/target/test-classes:examples/target/classes:$(cat examples/target/bench.cp) \
 *     org.vae4j.examples.bench.KernelBenchmark [seconds per case]
 * }</pre>
 */
public final class KernelBenchmark {
  private KernelBenchmark() {
  }

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
    List<String> rows = new ArrayList<>();
    for (BackendProvider p : Backends.providers()) {
      Kernels k = Backends.get(p.name()).kernels(Device.CPU);
      double big = GemmRate.gflops(k, 512, 512, 512, seconds);
      double vae = GemmRate.gflops(k, 128, GemmRate.K, GemmRate.N, seconds);
      double addMicros = addLatencyMicros(k, seconds);
      rows.add(String.format("%-6s %12.1f %14.1f %14.1f", p.name(), big, vae, addMicros));
    }
    System.out.printf("%-6s %12s %14s %14s%n", "", "512^3 GFLOP/s", "128x784x400", "add(128,20) us");
    rows.forEach(System.out::println);
  }

  private static Buffer random(Kernels k, int rows, int cols) {
    return k.fromFloats(PhiloxStream.seeded(rows * 31L + cols).uniformFloats(rows * cols), Shape.of(rows, cols));
  }

  private static double addLatencyMicros(Kernels k, double seconds) {
    try (Buffer a = random(k, 128, 20); Buffer b = random(k, 128, 20)) {
      Runnable add = () -> k.binary(BinaryOp.ADD, a, b).close();
      GemmRate.run(add, 1.0);
      long[] done = GemmRate.run(add, seconds);
      return done[1] / 1e3 / done[0];
    }
  }
}
