package org.vae4j.examples.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Backends;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.GradientClipping;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;
import org.vae4j.models.Vae;

/**
 * Training throughput of pytorch/examples' VAE (784-400-20, ReLU, Bernoulli decoder, FLOAT32, Adam 1e-3,
 * batch 128), each step exactly what {@code core}'s Trainer does: batch upload, zeroGrad, loss, loss read to
 * the host, backward, global gradient norm (one host read), Adam step, all in one scope.
 *
 * <p>Build with {@code mvn -B -q -DskipTests package && mvn -B -q test-compile -pl examples -am}, then run
 * {@code java --add-modules jdk.incubator.vector -cp
 * "examples/target/test-classes:examples/target/vae4j-examples-0.1.0-SNAPSHOT.jar:examples/target/lib/*"
 * org.vae4j.examples.perf.VaeThroughput ARGS} (passive OpenMP waiting, as the {@code vae4j} launcher sets: with
 * spinning OpenMP threads libtorch and OpenBLAS slow down many times on a shared 2-core machine).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp CP org.vae4j.examples.perf.VaeThroughput
 * [backends=pure,djl,nd4j] [steps=200] [warmup=40] [rounds=3] [soak=0] [validation=true] [norm=true]}. The
 * backend name {@code djl-reference} runs {@code org.vae4j.examples.bench.DjlReferenceVae} (the same VAE on
 * DJL's own autograd and Adam, from {@code vae4j bench}) when it is on the class path. {@code validation=false}
 * turns distribution argument checks off and {@code norm=false} skips the gradient norm, as
 * {@code vae4j bench} does. Every round measures each backend
 * once, in turn, so the shared machine's noise hits all alike; it prints examples/s per backend and
 * round and each backend's ratio to the first one listed. With {@code soak=N} it instead trains each backend
 * N steps and prints heap used after a GC and the process RSS every 1,000 steps.
 */
public final class VaeThroughput {
  private static final int BATCH = 128;
  private static final int FEATURES = 784;
  private static final int DATA_BATCHES = 16;

  private VaeThroughput() {
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("backends", "pure,djl,nd4j");
    opts.put("steps", "200");
    opts.put("warmup", "40");
    opts.put("rounds", "3");
    opts.put("soak", "0");
    for (String a : args) {
      int eq = a.indexOf('=');
      opts.put(a.substring(0, eq), a.substring(eq + 1));
    }
    String[] names = opts.get("backends").split(",");
    org.vae4j.core.distributions.Validation.setEnabled(Boolean.parseBoolean(opts.getOrDefault("validation", "true")));
    boolean norm = Boolean.parseBoolean(opts.getOrDefault("norm", "true"));
    float[][] data = data();
    int soak = Integer.parseInt(opts.get("soak"));
    if (soak > 0) {
      for (String name : names) {
        try (Stepper run = stepper(name, data, norm)) {
          soak(run, soak);
        }
      }
      return;
    }
    List<Stepper> runs = new ArrayList<>();
    for (String name : names) {
      Stepper run = stepper(name, data, norm);
      run.steps(Integer.parseInt(opts.get("warmup")));
      runs.add(run);
    }
    int steps = Integer.parseInt(opts.get("steps"));
    int rounds = Integer.parseInt(opts.get("rounds"));
    double[][] rates = new double[rounds][runs.size()];
    for (int r = 0; r < rounds; r++) {
      for (int b = 0; b < runs.size(); b++) {
        long t0 = System.nanoTime();
        runs.get(b).steps(steps);
        double s = (System.nanoTime() - t0) / 1e9;
        rates[r][b] = steps * (double) BATCH / s;
        System.out.printf(Locale.ROOT, "round %d %-13s %9.1f examples/s  (%d steps in %.2f s, ratio to %s %.3f)%n",
            r + 1, runs.get(b).name(), rates[r][b], steps, s, names[0], rates[r][b] / rates[r][0]);
      }
    }
    System.out.println("backend   median ex/s   min      max      median ratio to " + names[0]);
    for (int b = 0; b < runs.size(); b++) {
      double[] col = new double[rounds];
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        col[r] = rates[r][b];
        ratio[r] = rates[r][b] / rates[r][0];
      }
      System.out.printf(Locale.ROOT, "%-13s %10.1f %8.1f %8.1f   %.3f%n", runs.get(b).name(), median(col), min(col),
          max(col), median(ratio));
    }
    for (Stepper run : runs) {
      run.close();
    }
  }

  private static Stepper stepper(String name, float[][] data, boolean norm) {
    return name.equals(ReferenceRun.NAME) ? new ReferenceRun(data, BATCH) : new Run(name, data, norm);
  }

  private static void soak(Stepper run, int steps) throws IOException {
    for (int done = 0; done < steps; ) {
      int chunk = Math.min(1000, steps - done);
      long t0 = System.nanoTime();
      run.steps(chunk);
      done += chunk;
      double s = (System.nanoTime() - t0) / 1e9;
      System.gc();
      java.lang.management.MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      System.out.printf(Locale.ROOT, "%-13s step %6d  heap after GC %7.1f MiB (committed %7.1f)  RSS %7.1f MiB"
          + "  %8.1f examples/s%n", run.name(), done, heap.getUsed() / 1048576.0, heap.getCommitted() / 1048576.0,
          rssKib() / 1024.0, chunk * (double) BATCH / s);
    }
  }

  private static long rssKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** Grey levels in [0, 1], half of them exactly 0 as in MNIST, fixed by seed. */
  private static float[][] data() {
    SplittableRandom r = new SplittableRandom(7);
    float[][] d = new float[DATA_BATCHES][BATCH * FEATURES];
    for (float[] b : d) {
      for (int i = 0; i < b.length; i++) {
        b[i] = r.nextBoolean() ? 0f : (float) r.nextDouble();
      }
    }
    return d;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double min(double[] v) {
    return java.util.Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElse(Double.NaN);
  }

  /** Something that trains for a number of steps. */
  interface Stepper extends AutoCloseable {
    String name();

    void steps(int n);

    @Override
    void close();
  }

  /** One backend's model, optimizer and noise stream. */
  private static final class Run implements Stepper {
    final String name;
    final boolean norm;
    final TensorFactory factory;
    final Vae model;
    final Adam adam;
    final PhiloxStream rng = PhiloxStream.seeded(42);
    final float[][] data;
    long step;

    Run(String name, float[][] data, boolean norm) {
      this.name = name;
      this.norm = norm;
      this.data = data;
      this.factory = Tensors.on(Backends.get(name).kernels(Device.CPU));
      this.model = Vae.pytorchExample(new ParameterFactory(factory, DType.FLOAT32, PhiloxStream.seeded(1)));
      this.adam = Adam.builder(1e-3).build(model.namedParameters());
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void steps(int n) {
      for (int i = 0; i < n; i++) {
        try (Scope scope = Scope.open()) {
          Tensor x = factory.of(data[(int) (step++ % data.length)], Shape.of(BATCH, FEATURES));
          adam.zeroGrad();
          Tensor loss = model.loss(Batch.of(x, null), rng);
          double value = loss.item();
          if (!Double.isFinite(value)) {
            throw new IllegalStateException(name + ": loss " + value + " at step " + step);
          }
          loss.backward();
          if (norm) {
            GradientClipping.globalNorm(adam.parameters().values());
          }
          adam.step();
        } finally {
          adam.zeroGrad();
        }
      }
    }

    @Override
    public void close() {
      adam.close();
      model.close();
    }
  }
}
