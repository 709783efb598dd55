package org.vae4j.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.Backends;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.core.distributions.Validation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.GradientClipping;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.examples.data.Datasets;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ModelSpec;

/**
 * Times training steps of one model on each backend, in this process, plus the DJL reference. Every row
 * trains the same model from the same seed on the same batches of the embedded MNIST subset: {@code warmup}
 * steps first (JIT compilation, native initialisation, allocator warm-up), then {@code steps} timed steps.
 * A step is what {@code vae4j train}'s trainer does: batch upload, forward, the loss read back to the host
 * (so asynchronous engines are timed to completion), backward, the global gradient norm (read back too), the
 * Adam update.
 *
 * <p>Beside examples per second, each row gives the model's matrix-product FLOPs per example (counted once per
 * run by {@link ObservedKernels#flopCounter} on one step of a fresh copy of the model), the FLOP rate that makes, and its share
 * of the backend's own GEMM rate ({@link GemmRate}) measured in this process in bursts between the row's timed
 * steps, which bounds what the row could reach (the DJL reference row is measured against djl's GEMM rate, sampled
 * the same way during it). Not thread-safe.
 */
public final class BenchRunner {
  /** The row name of the VAE written on DJL's own API. */
  public static final String REFERENCE = "djl-reference";
  /** Seconds of GEMM-rate bursts per row, spread over its timed steps, and of their warm-up. */
  private static final double GEMM_SECONDS = 1.0;
  private static final double GEMM_WARMUP_SECONDS = 0.5;
  /** Points of the run at which the clock stops for a GEMM burst (and a memory-trace point). */
  private static final int PAUSES = 10;

  /**
   * What to time.
   *
   * @param model       the model's {@code train} name ({@code vae}, {@code convvae}, {@code cvae},
   *                    {@code vqvae}, {@code pixelcnn}, ...)
   * @param steps       timed steps
   * @param warmup      untimed steps before them
   * @param batch       images per step
   * @param device      the device, or null for each backend's default
   * @param seed        seed of weights and noise
   * @param vqvaeRun    for {@code pixelcnn}: the run folder of a trained VQ-VAE whose codes it trains on, or
   *                    null for an untrained VQ-VAE's
   * @param memoryTrace whether each row records a {@link BenchRow#memoryTrace()}
   */
  public record Settings(String model, int steps, int warmup, int batch, Device device, long seed, String vqvaeRun,
      boolean memoryTrace) {
  }

  private final Map<String, ModelRecipe> recipes;
  private final Datasets datasets;

  /** Times the models of {@code recipes} (by name) on the embedded data found through {@code datasets}. */
  public BenchRunner(Map<String, ModelRecipe> recipes, Datasets datasets) {
    this.recipes = recipes;
    this.datasets = datasets;
  }

  /** The model of a run in a few words, for the report. */
  public record Result(String modelDescription, List<BenchRow> rows) {
  }

  /**
   * Runs {@code backends} in order, then the reference when asked (the MLP VAE only); a backend that fails is
   * a row saying why. Ratios are to the {@code djl} row, else to the reference row.
   *
   * @param progress receives a line as each row starts
   * @throws IllegalArgumentException for an unknown model
   */
  public Result run(Settings s, List<String> backends, boolean reference, Consumer<String> progress) {
    ModelRecipe recipe = recipes.get(s.model());
    if (recipe == null) {
      throw new IllegalArgumentException("bench --model " + s.model() + ": give one of " + recipes.keySet());
    }
    ImageDataset train = datasets.load(Datasets.MNIST_10K).train();
    ModelSpec spec = new ModelSpec(s.model(), train.rows(), train.cols(), train.numClasses(), 20, new int[] {400},
        train.size(), s.vqvaeRun());
    BenchWorkload workload = new BenchWorkload(recipe, spec, train, s.seed());
    List<BenchRow> rows = new ArrayList<>();
    double flopsPerExample = Double.NaN;
    for (String name : backends) {
      progress.accept("bench: " + workload.describe() + " on " + name + ", " + s.warmup() + " warm-up + "
          + s.steps() + " steps");
      Kernels kernels;
      try {
        kernels = Backends.kernels(name, s.device());
      } catch (RuntimeException e) {
        rows.add(BenchRow.failed(name, e.getMessage()));
        continue;
      }
      if (Double.isNaN(flopsPerExample)) {
        flopsPerExample = countFlops(kernels, workload, s);
      }
      rows.add(runBackend(name, kernels, s, workload, flopsPerExample));
    }
    if (reference && s.model().equals("vae")) {
      progress.accept("bench: the same VAE on DJL's own autograd (" + REFERENCE + ")");
      rows.add(runReference(s, spec, train, flopsPerExample));
    }
    double base = rate(rows, "djl");
    if (Double.isNaN(base)) {
      base = rate(rows, REFERENCE);
    }
    List<BenchRow> out = new ArrayList<>();
    for (BenchRow r : rows) {
      out.add(r.ran() && !Double.isNaN(base) ? r.withRatio(base) : r);
    }
    return new Result(workload.describe(), out);
  }

  /** The FLOPs per example of one training step of a fresh model, counted on {@code kernels}; NaN on failure. */
  private static double countFlops(Kernels kernels, BenchWorkload workload, Settings s) {
    AtomicLong flops = new AtomicLong();
    TensorFactory f = Tensors.on(ObservedKernels.flopCounter(kernels, flops));
    boolean validation = Validation.setEnabled(false);
    try (TrainableModel model = workload.create(ParameterFactory.of(f, PhiloxStream.seeded(s.seed())));
        Optimizer adam = Adam.builder(1e-3).build(model.namedParameters())) {
      Dataset data = workload.data(f);
      flops.set(0);
      step(model, adam, data, f, 0, s.batch(), PhiloxStream.seeded(s.seed()));
      return flops.get() / (double) s.batch();
    } catch (RuntimeException e) {
      return Double.NaN;
    } finally {
      Validation.setEnabled(validation);
    }
  }

  private BenchRow runBackend(String name, Kernels kernels, Settings s, BenchWorkload workload,
      double flopsPerExample) {
    TensorFactory f = Tensors.on(kernels);
    boolean validation = Validation.setEnabled(false);
    try (TrainableModel model = workload.create(ParameterFactory.of(f, PhiloxStream.seeded(s.seed())));
        Optimizer adam = Adam.builder(1e-3).build(model.namedParameters())) {
      Dataset data = workload.data(f);
      PhiloxStream rng = PhiloxStream.seeded(s.seed());
      try (GemmRate.Sampler gemm = new GemmRate.Sampler(kernels, s.batch(), GemmRate.K, GemmRate.N,
          GEMM_WARMUP_SECONDS)) {
        BenchRow.Timing t = time(s, i -> step(model, adam, data, f, i, s.batch(), rng),
            () -> gemm.sample(GEMM_SECONDS / PAUSES));
        return BenchRow.ran(name, kernels.device().toString(), Backends.get(name).describe(), t, flopsPerExample,
            gemm.gflops());
      }
    } catch (RuntimeException e) {
      return BenchRow.failed(name, "failed while training: " + e);
    } finally {
      Validation.setEnabled(validation);
    }
  }

  /** Training step {@code i}, as the trainer runs it; returns the loss. */
  private static double step(TrainableModel model, Optimizer adam, Dataset data, TensorFactory f, int i, int batch,
      PhiloxStream rng) {
    return step(model, adam, data, f, i, batch, rng, phase -> { });
  }

  /** The parts of {@link #step}, in order, as {@code phases} is told of them by index. */
  static final String[] PHASES = {"batch upload", "forward (loss)", "loss to host", "backward", "gradient norm",
      "Adam step", "scope close, zeroGrad"};

  /**
   * One training step as the trainer runs it (batch {@code i}, loss read, gradient norm, Adam), telling
   * {@code phases} the index in {@link #PHASES} of each part as it starts and -1 when the step is over.
   *
   * @return the step's loss
   */
  static double step(TrainableModel model, Optimizer adam, Dataset data, TensorFactory f, int i, int batch,
      PhiloxStream rng, IntConsumer phases) {
    phases.accept(0);
    try (Scope scope = Scope.open()) {
      Batch b = Batch.from(data, indices(i, batch, data.size()), f, DType.FLOAT32);
      adam.zeroGrad();
      phases.accept(1);
      Tensor l = model.loss(b, rng, i + 1);
      phases.accept(2);
      double loss = l.item();
      phases.accept(3);
      l.backward();
      phases.accept(4);
      GradientClipping.globalNorm(adam.parameters().values());
      phases.accept(5);
      adam.step();
      phases.accept(6);
      return loss;
    } finally {
      adam.zeroGrad();
      phases.accept(-1);
    }
  }

  private BenchRow runReference(Settings s, ModelSpec spec, ImageDataset train, double flopsPerExample) {
    boolean gpu = s.device() != null && s.device().type() == Device.Type.GPU;
    GemmRate.Sampler djlGemm = null;
    try {
      djlGemm = new GemmRate.Sampler(Backends.kernels("djl", s.device()), s.batch(), GemmRate.K, GemmRate.N,
          GEMM_WARMUP_SECONDS);
    } catch (RuntimeException e) {
      // no djl backend: the reference row has no bound
    }
    GemmRate.Sampler gemm = djlGemm;
    try (DjlReferenceVae vae = new DjlReferenceVae(spec.pixels(), 400, 20, 1e-3f, gpu, s.seed())) {
      BenchRow.Timing t = time(s, i -> {
        int[] idx = indices(i, s.batch(), train.size());
        float[] images = new float[idx.length * spec.pixels()];
        for (int k = 0; k < idx.length; k++) {
          System.arraycopy(train.image(idx[k]), 0, images, k * spec.pixels(), spec.pixels());
        }
        return vae.step(images, idx.length);
      }, () -> {
        if (gemm != null) {
          gemm.sample(GEMM_SECONDS / PAUSES);
        }
      });
      return BenchRow.ran(REFERENCE, vae.device(), vae.describe() + "; bound: the djl backend's GEMM rate", t,
          flopsPerExample, gemm == null ? Double.NaN : gemm.gflops());
    } catch (RuntimeException | LinkageError e) {
      return BenchRow.failed(REFERENCE, "DJL's PyTorch engine did not run: " + e);
    } finally {
      if (gemm != null) {
        gemm.close();
      }
    }
  }

  /**
   * Runs {@code s.warmup()} untimed steps, then {@code s.steps()} timed ones, the same way for every row
   * (vae4j backends and the DJL reference): memory peaks are reset and the clock starts after the warm-up.
   * At {@value #PAUSES} evenly spaced points of the timed steps the clock stops while {@code pause} runs (the
   * GEMM-rate bursts) and, with a memory trace, while the memory point is taken.
   *
   * @param step  runs training step {@code i} and returns its loss
   * @param pause runs at each pause
   */
  private static BenchRow.Timing time(Settings s, IntToDoubleFunction step, Runnable pause) {
    for (int i = 0; i < s.warmup(); i++) {
      step.applyAsDouble(i);
    }
    ProcessMemory.resetPeaks();
    List<BenchRow.MemoryPoint> trace = s.memoryTrace() ? new ArrayList<>() : null;
    double lossSum = 0;
    long nanos = 0;
    long start = System.nanoTime();
    for (int done = 0; done < s.steps(); done++) {
      lossSum += step.applyAsDouble(s.warmup() + done);
      if ((long) (done + 1) * PAUSES / s.steps() != (long) done * PAUSES / s.steps()) {
        nanos += System.nanoTime() - start;
        pause.run();
        if (trace != null) {
          trace.add(new BenchRow.MemoryPoint(done + 1, ProcessMemory.heapAfterGcBytes(),
              ProcessMemory.residentBytes()));
        }
        start = System.nanoTime();
      }
    }
    nanos += System.nanoTime() - start;
    double seconds = nanos / 1e9;
    return new BenchRow.Timing(s.steps() * (double) s.batch() / seconds, lossSum / s.steps(),
        ProcessMemory.peakHeapBytes(), ProcessMemory.peakResidentBytes(), trace);
  }

  /** The images of step {@code i}: consecutive batches through the training set, wrapping around. */
  static int[] indices(int step, int batch, int size) {
    int[] idx = new int[batch];
    long first = (long) step * batch;
    for (int k = 0; k < batch; k++) {
      idx[k] = (int) ((first + k) % size);
    }
    return idx;
  }

  private static double rate(List<BenchRow> rows, String backend) {
    return rows.stream().filter(r -> r.backend().equals(backend) && r.ran()).mapToDouble(BenchRow::examplesPerSecond)
        .findFirst().orElse(Double.NaN);
  }
}
