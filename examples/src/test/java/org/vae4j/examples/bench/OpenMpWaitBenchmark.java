package org.vae4j.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.spi.OpenMpWaitPolicy;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.data.ImageBatch;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;
import org.vae4j.examples.data.Datasets;
import org.vae4j.models.Vae;

/**
 * One epoch of the README's training loop (784-400-20 VAE, batch 128, the 9,000 training images of
 * mnist-10k) in a plain JVM, as a library user runs it: {@code java -cp ...} with no {@code OMP_WAIT_POLICY}
 * in the environment and no JVM flag. Each case is a fresh child JVM, with and without a competing
 * CPU-bound process (one spinning thread in another JVM), and with three OpenMP settings: libgomp's default
 * ({@code -Dvae4j.omp.waitPolicy=keep}), passive waiting without a spin ({@code -Dvae4j.omp.spinCount=0}) and
 * vae4j's default (passive with a short spin). Not a unit test; run from the repository root:
 *
 * <pre>{@code
 * mvn -B -q -pl examples -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
 *     -Dmdep.includeScope=test -Dmaven.javadoc.skip -Dmaven.source.skip
 * java -cp examples/target/test-classes:examples/target/classes:$(cat examples/target/bench.cp) \
 *     org.vae4j.examples.bench.OpenMpWaitBenchmark [backends, default djl,nd4j] [repeats, default 1]
 * }</pre>
 *
 * <p>It prints one row per case: the epoch's seconds.
 */
public final class OpenMpWaitBenchmark {
  private static final int BATCH = 128;

  private OpenMpWaitBenchmark() {
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    List<String> backends = List.of((args.length > 0 ? args[0] : "djl,nd4j").split(","));
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    System.out.printf("%-6s %-10s %-22s %10s%n", "", "machine", "OpenMP wait policy", "epoch s");
    for (String backend : backends) {
      for (boolean busy : new boolean[] {false, true}) {
        for (Setting setting : Setting.values()) {
          for (int r = 0; r < repeats; r++) {
            double seconds = runCase(backend, busy, setting);
            System.out.printf(Locale.ROOT, "%-6s %-10s %-34s %10.1f%n", backend, busy ? "busy" : "quiet",
                setting.label, seconds);
          }
        }
      }
    }
  }

  /** The OpenMP settings compared, as the JVM flags that choose them. */
  private enum Setting {
    LIBGOMP_DEFAULT("libgomp default", "-D" + OpenMpWaitPolicy.PROPERTY + "=" + OpenMpWaitPolicy.KEEP),
    PASSIVE_NO_SPIN("PASSIVE, no spin", "-D" + OpenMpWaitPolicy.SPIN_PROPERTY + "=0"),
    VAE4J_DEFAULT("set by vae4j (PASSIVE, short spin)", null);

    final String label;
    final String flag;

    Setting(String label, String flag) {
      this.label = label;
      this.flag = flag;
    }
  }

  /** The epoch's seconds in a fresh JVM. */
  private static double runCase(String backend, boolean busy, Setting setting)
      throws IOException, InterruptedException {
    Process spinner = busy ? java(Spin.class, List.of()).start() : null;
    try {
      List<String> props = new ArrayList<>(List.of("-Dvae4j.backend=" + backend));
      if (setting.flag != null) {
        props.add(setting.flag);
      }
      Process epoch = java(OneEpoch.class, props).redirectErrorStream(true).start();
      double seconds = Double.NaN;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(epoch.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("epoch seconds ")) {
            seconds = Double.parseDouble(line.substring("epoch seconds ".length()));
          } else if (line.contains("Exception") || line.contains("WARN")) {
            System.out.println("  " + backend + ": " + line);
          }
        }
      }
      if (epoch.waitFor() != 0) {
        throw new IllegalStateException(backend + ": the epoch's JVM exited with " + epoch.exitValue());
      }
      return seconds;
    } finally {
      if (spinner != null) {
        spinner.destroy();
        spinner.waitFor();
      }
    }
  }

  /** A plain {@code java -cp <this class path>} of {@code main}, without OpenMP variables in its environment. */
  private static ProcessBuilder java(Class<?> main, List<String> properties) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(properties);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.remove(OpenMpWaitPolicy.VARIABLE);
    env.remove("GOMP_SPINCOUNT");
    env.remove("OMP_NUM_THREADS");
    return pb.redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.PIPE);
  }

  /** The competing process: one thread that never waits. */
  public static final class Spin {
    private Spin() {
    }

    public static void main(String[] args) {
      long x = 0;
      while (x != -1) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
  }

  /** One epoch of the README loop on the backend {@code vae4j.backend} selects; prints its seconds. */
  public static final class OneEpoch {
    private OneEpoch() {
    }

    public static void main(String[] args) {
      ImageDataset train = new Datasets().load(Datasets.MNIST_10K).train();
      TensorFactory f = Tensors.factory();
      try (Vae vae = Vae.pytorchExample(new ParameterFactory(f, DType.FLOAT32, PhiloxStream.seeded(7)));
          Optimizer adam = Adam.builder(1e-3).build(vae.namedParameters())) {
        PhiloxStream noise = PhiloxStream.seeded(11);
        long start = System.nanoTime();
        for (ImageBatch b : train.shuffledBatches(BATCH, new SplittableRandom(1))) {
          try (Scope step = Scope.open()) {
            Tensor x = f.of(b.images(), Shape.of(b.size(), 784));
            adam.zeroGrad();
            Tensor loss = vae.loss(Batch.of(x, null), noise);
            loss.backward();
            adam.step();
          }
        }
        System.out.printf(Locale.ROOT, "epoch seconds %.3f%n", (System.nanoTime() - start) / 1e9);
      }
    }
  }
}
