package org.vae4j.examples.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.Backends;
import org.vae4j.core.Tensors;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.core.distributions.Validation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.examples.app.CommandContext;
import org.vae4j.examples.data.Datasets;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ModelSpec;

/**
 * Where a training step's time goes, kernel by kernel: runs the bench's step of one model on one backend
 * through {@link ObservedKernels}, then prints the step's wall time, the time inside kernels by family
 * (products, convolutions, elementwise, reductions, movement, host transfer, fused), the time outside any
 * kernel (core's tape, argument checks, scopes, tensor objects: the per-step overhead), the GC time, and the
 * kernel calls that took longest with their GFLOP/s. With {@code ab=<system property>} it instead compares
 * the step with that property set to {@code a} and to {@code b} (default {@code true} and {@code false}) in one
 * process ({@code vae4j.pure.vector}, {@code vae4j.pure.pool}, {@code vae4j.pure.spinMicros},
 * {@code vae4j.nd4j.teamForAllOps}, {@code vae4j.nd4j.onednn}, ...): {@code rounds} rounds of {@code steps}
 * steps each way, in alternating order, and prints both medians and their ratio. Not a unit test; after building (see {@link KernelBenchmark} for the
 * class path), run:
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp <class path> org.vae4j.examples.bench.StepAnatomy \
 *     [model=vae] [backend=pure] [steps=100] [warmup=30] [batch=128] [top=25] [ab=<property> a=true b=false rounds=7]
 * }</pre>
 */
public final class StepAnatomy {
  private StepAnatomy() {
  }

  /** Calls of one kernel on one set of shapes. */
  private static final class Site {
    String op;
    Shape[] shapes;
    long calls;
    long nanos;
    long flops;
  }

  public static void main(String[] args) {
    Map<String, String> o = new HashMap<>(Map.of("model", "vae", "backend", "pure", "steps", "100", "warmup", "30",
        "batch", "128", "top", "25"));
    for (String a : args) {
      o.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    int steps = Integer.parseInt(o.get("steps"));
    int batch = Integer.parseInt(o.get("batch"));
    Map<String, Site> sites = new HashMap<>();
    boolean[] on = {false};
    ObservedKernels kernels = new ObservedKernels(Backends.kernels(o.get("backend"), Device.CPU),
        (op, nanos, flops, shapes) -> {
          if (on[0]) {
            if (phase >= 0) {
              PHASE_KERNELS[phase] += nanos;
            }
            Site s = sites.computeIfAbsent(op + " " + Arrays.stream(shapes).map(Shape::toString)
                .collect(Collectors.joining(" ")), k -> new Site());
            s.op = op;
            s.shapes = shapes;
            s.calls++;
            s.nanos += nanos;
            s.flops += flops;
          }
        });
    TensorFactory f = Tensors.on(kernels);
    CommandContext context = CommandContext.standard();
    ModelRecipe recipe = context.recipes().find(o.get("model")).orElseThrow();
    ImageDataset train = context.datasets().load(Datasets.MNIST_10K).train();
    ModelSpec spec = new ModelSpec(o.get("model"), train.rows(), train.cols(), train.numClasses(), 20,
        new int[] {400}, train.size(), null);
    BenchWorkload workload = new BenchWorkload(recipe, spec, train, 42);
    Validation.setEnabled(false);
    try (TrainableModel model = workload.create(ParameterFactory.of(f, PhiloxStream.seeded(42)));
        Optimizer adam = Adam.builder(1e-3).build(model.namedParameters())) {
      Dataset data = workload.data(f);
      PhiloxStream rng = PhiloxStream.seeded(42);
      int warmup = Integer.parseInt(o.get("warmup"));
      for (int i = 0; i < warmup; i++) {
        step(model, adam, data, f, i, batch, rng);
      }
      if (o.containsKey("ab")) {
        compare(o.get("ab"), o.getOrDefault("a", "true"), o.getOrDefault("b", "false"),
            Integer.parseInt(o.getOrDefault("rounds", "7")), steps,
            i -> step(model, adam, data, f, warmup + i, batch, rng));
        return;
      }
      on[0] = true;
      Arrays.fill(PHASE_WALL, 0);
      Arrays.fill(PHASE_KERNELS, 0);
      long gc0 = gcMillis();
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        step(model, adam, data, f, warmup + i, batch, rng);
      }
      double wallMs = (System.nanoTime() - t0) / 1e6 / steps;
      double gcMs = (gcMillis() - gc0) / (double) steps;
      on[0] = false;
      print(workload.describe() + " on " + o.get("backend") + ", batch " + batch, sites, steps, wallMs, gcMs,
          Integer.parseInt(o.get("top")), Backends.kernels(o.get("backend"), Device.CPU));
    }
  }

  /**
   * Median milliseconds per step with {@code property} set to {@code a} and to {@code b}, alternating which
   * goes first.
   */
  private static void compare(String property, String a, String b, int rounds, int steps,
      IntConsumer step) {
    double[][] ms = new double[2][rounds];
    int done = 0;
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        int which = (r + k) % 2;
        System.setProperty(property, which == 0 ? a : b);
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
          step.accept(done++);
        }
        ms[which][r] = (System.nanoTime() - t0) / 1e6 / steps;
      }
    }
    System.clearProperty(property);
    double on = median(ms[0]);
    double off = median(ms[1]);
    System.out.printf(Locale.ROOT, "%s=%s %.2f ms per step, =%s %.2f ms (medians of %d rounds of %d steps):"
        + " b/a %.3f; rounds a %s, b %s%n", property, a, on, b, off, rounds, steps, off / on,
        Arrays.toString(round(ms[0])), Arrays.toString(round(ms[1])));
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double[] round(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = Math.round(v[i] * 100) / 100.0;
    }
    return r;
  }

  private static final String[] PHASES = BenchRunner.PHASES;
  /** Wall and in-kernel nanoseconds per phase while measuring; the phase now running. */
  private static final long[] PHASE_WALL = new long[PHASES.length];
  private static final long[] PHASE_KERNELS = new long[PHASES.length];
  private static int phase = -1;
  private static long phaseStart;

  /** Ends the running phase and starts {@code next} (-1: none). */
  private static void phase(int next) {
    long now = System.nanoTime();
    if (phase >= 0) {
      PHASE_WALL[phase] += now - phaseStart;
    }
    phase = next;
    phaseStart = now;
  }

  private static void step(TrainableModel model, Optimizer adam, Dataset data, TensorFactory f, int i, int batch,
      PhiloxStream rng) {
    BenchRunner.step(model, adam, data, f, i, batch, rng, StepAnatomy::phase);
  }

  private static String family(String op) {
    if (op.startsWith("matmul") || op.startsWith("linear")) {
      return "matrix products";
    }
    if (op.startsWith("conv2d")) {
      return "convolutions";
    }
    if (op.startsWith("reduce") || op.startsWith("arg")) {
      return "reductions";
    }
    if (op.startsWith("from") || op.startsWith("to") || op.startsWith("full")) {
      return "host transfer, fill";
    }
    if (op.startsWith("adam") || op.startsWith("bce")) {
      return "fused (adam, bce)";
    }
    return List.of("reshape", "permute", "expand", "slice", "pad", "concat", "gather", "scatterAdd", "cast")
        .contains(op.split(" ")[0]) ? "movement" : "elementwise";
  }

  private static void print(String title, Map<String, Site> sites, int steps, double wallMs, double gcMs, int top,
      Kernels kernels) {
    Map<String, double[]> families = new HashMap<>();
    double kernelMs = 0;
    long calls = 0;
    long flops = 0;
    for (Map.Entry<String, Site> e : sites.entrySet()) {
      double ms = e.getValue().nanos / 1e6 / steps;
      double[] fam = families.computeIfAbsent(family(e.getKey()), k -> new double[2]);
      fam[0] += ms;
      fam[1] += e.getValue().calls / (double) steps;
      kernelMs += ms;
      calls += e.getValue().calls;
      flops += e.getValue().flops;
    }
    System.out.printf(Locale.ROOT, "%s: %.2f ms per step, %.0f kernel calls, %.1f MFLOP (%.1f GFLOP/s)%n", title,
        wallMs, calls / (double) steps, flops / 1e6 / steps, flops / (double) steps / wallMs / 1e6);
    System.out.printf(Locale.ROOT, "  %-24s %8.2f ms  %5.1f%%%n", "inside kernels", kernelMs, 100 * kernelMs / wallMs);
    List<Map.Entry<String, double[]>> fam = new ArrayList<>(families.entrySet());
    fam.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
    for (Map.Entry<String, double[]> e : fam) {
      System.out.printf(Locale.ROOT, "    %-22s %8.2f ms  %5.1f%%  %6.0f calls%n", e.getKey(), e.getValue()[0],
          100 * e.getValue()[0] / wallMs, e.getValue()[1]);
    }
    System.out.printf(Locale.ROOT, "  %-24s %8.2f ms  %5.1f%%  (tape, checks, scopes, tensor objects, GC in there)%n",
        "outside kernels", wallMs - kernelMs, 100 * (wallMs - kernelMs) / wallMs);
    System.out.printf(Locale.ROOT, "  %-24s %8.2f ms  %5.1f%%  (collector time, anywhere in the step)%n", "GC", gcMs,
        100 * gcMs / wallMs);
    System.out.println("  by phase: wall ms per step (of which inside kernels)");
    for (int p = 0; p < PHASES.length; p++) {
      System.out.printf(Locale.ROOT, "    %-24s %8.2f ms (%.2f)%n", PHASES[p], PHASE_WALL[p] / 1e6 / steps,
          PHASE_KERNELS[p] / 1e6 / steps);
    }
    List<Map.Entry<String, Site>> list = new ArrayList<>(sites.entrySet());
    list.sort((a, b) -> Long.compare(b.getValue().nanos, a.getValue().nanos));
    System.out.println("  slowest kernel calls (per step; products also timed alone, on fresh operands):");
    for (Map.Entry<String, Site> e : list.subList(0, Math.min(top, list.size()))) {
      Site s = e.getValue();
      System.out.printf(Locale.ROOT, "    %8.3f ms %5.1f%% %4.0fx %s%s%n", s.nanos / 1e6 / steps,
          100 * s.nanos / 1e6 / steps / wallMs, s.calls / (double) steps, e.getKey(),
          s.flops > 0 ? String.format(Locale.ROOT, "  %.1f GFLOP/s (alone %.1f)", s.flops / (double) s.nanos,
              alone(kernels, s)) : "");
    }
  }

  /** GFLOP/s of a matmul or linear site's product run alone for 0.3 s on random operands; NaN for others. */
  private static double alone(Kernels k, Site s) {
    boolean linear = s.op.startsWith("linear");
    if (!linear && !s.op.startsWith("matmul")) {
      return Double.NaN;
    }
    boolean ta = s.op.contains("A^T");
    boolean tb = linear || s.op.contains("B^T");
    try (Buffer a = k.fromFloats(PhiloxStream.seeded(1).uniformFloats((int) s.shapes[0].size()),
        s.shapes[0]);
        Buffer b = k.fromFloats(PhiloxStream.seeded(2).uniformFloats((int) s.shapes[1].size()),
            s.shapes[1])) {
      Runnable product = () -> k.matmul(a, b, ta, tb).close();
      GemmRate.run(product, 0.1);
      long[] done = GemmRate.run(product, 0.3);
      return ObservedKernels.matmulFlops(s.shapes[0], s.shapes[1], ta, tb) * (double) done[0] / done[1];
    }
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }
}
