package org.vae4j.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.Backends;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.distributions.Validation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.examples.data.Datasets;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.examples.train.ImageDatasetView;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ModelSpec;

/**
 * Times training steps of one model on each backend, in this process, plus the DJL reference. Every row
 * trains the same model from the same seed on the same batches of the embedded MNIST subset: {@code warmup}
 * steps first (JIT compilation, native initialisation, allocator warm-up), then {@code steps} timed steps.
 * A step is a whole optimizer step (batch upload, forward, backward, Adam update) ending with the loss read
 * back to the host, so asynchronous engines are timed to completion. Not thread-safe.
 */
public final class BenchRunner {
  /** The row name of the VAE written on DJL's own API. */
  public static final String REFERENCE = "djl-reference";

  /**
   * What to time.
   *
   * @param model  the model's {@code train} name ({@code vae} or {@code convvae})
   * @param steps  timed steps
   * @param warmup untimed steps before them
   * @param batch  images per step
   * @param device the device, or null for each backend's default
   * @param seed   seed of weights and noise
   */
  public record Settings(String model, int steps, int warmup, int batch, Device device, long seed) {
  }

  private final Map<String, ModelRecipe> recipes;
  private final Datasets datasets;

  /** Times the models of {@code recipes} (by name) on the embedded data found through {@code datasets}. */
  public BenchRunner(Map<String, ModelRecipe> recipes, Datasets datasets) {
    this.recipes = recipes;
    this.datasets = datasets;
  }

  /**
   * Runs {@code backends} in order, then the reference when asked (the MLP VAE only); a backend that fails is
   * a row saying why. Ratios are to the {@code djl} row, else to the reference row.
   *
   * @param progress receives a line as each row starts
   */
  public List<BenchRow> run(Settings s, List<String> backends, boolean reference, Consumer<String> progress) {
    ModelRecipe recipe = recipes.get(s.model());
    if (recipe == null) {
      throw new IllegalArgumentException("bench --model " + s.model() + ": give one of " + recipes.keySet());
    }
    ImageDataset train = datasets.load(Datasets.MNIST_10K).train();
    ModelSpec spec = new ModelSpec(s.model(), train.rows(), train.cols(), train.numClasses(), 20, new int[] {400},
        train.size(), null);
    List<BenchRow> rows = new ArrayList<>();
    for (String name : backends) {
      progress.accept("bench: " + spec + " on " + name + ", " + s.warmup() + " warm-up + " + s.steps() + " steps");
      rows.add(runBackend(name, s, recipe, spec, train));
    }
    if (reference && s.model().equals("vae")) {
      progress.accept("bench: the same VAE on DJL's own autograd (" + REFERENCE + ")");
      rows.add(runReference(s, spec, train));
    }
    double base = rate(rows, "djl");
    if (Double.isNaN(base)) {
      base = rate(rows, REFERENCE);
    }
    List<BenchRow> out = new ArrayList<>();
    for (BenchRow r : rows) {
      out.add(r.ran() && !Double.isNaN(base) ? r.withRatio(base) : r);
    }
    return out;
  }

  private BenchRow runBackend(String name, Settings s, ModelRecipe recipe, ModelSpec spec, ImageDataset train) {
    Kernels kernels;
    try {
      kernels = Backends.kernels(name, s.device());
    } catch (RuntimeException e) {
      return BenchRow.failed(name, e.getMessage());
    }
    TensorFactory f = Tensors.on(kernels);
    ImageDatasetView view = ImageDatasetView.grey(train, recipe.exampleShape(spec));
    boolean validation = Validation.setEnabled(false);
    try (TrainableModel model = recipe.create(spec, ParameterFactory.of(f, PhiloxStream.seeded(s.seed())));
        Optimizer adam = Adam.builder(1e-3).build(model.namedParameters())) {
      PhiloxStream rng = PhiloxStream.seeded(s.seed());
      Timing t = time(s, i -> {
        try (Scope scope = Scope.open()) {
          Batch batch = Batch.from(view, indices(i, s.batch(), train.size()), f, DType.FLOAT32);
          adam.zeroGrad();
          Tensor l = model.loss(batch, rng);
          l.backward();
          adam.step();
          return l.item();
        } finally {
          adam.zeroGrad();
        }
      });
      return new BenchRow(name, kernels.device().toString(), Backends.get(name).describe(), t.examplesPerSecond(),
          Double.NaN, t.meanLoss(), ProcessMemory.peakHeapBytes(), ProcessMemory.peakResidentBytes());
    } catch (RuntimeException e) {
      return BenchRow.failed(name, "failed while training: " + e);
    } finally {
      Validation.setEnabled(validation);
    }
  }

  private BenchRow runReference(Settings s, ModelSpec spec, ImageDataset train) {
    boolean gpu = s.device() != null && s.device().type() == Device.Type.GPU;
    try (DjlReferenceVae vae = new DjlReferenceVae(spec.pixels(), 400, 20, 1e-3f, gpu, s.seed())) {
      Timing t = time(s, i -> {
        int[] idx = indices(i, s.batch(), train.size());
        float[] images = new float[idx.length * spec.pixels()];
        for (int k = 0; k < idx.length; k++) {
          System.arraycopy(train.image(idx[k]), 0, images, k * spec.pixels(), spec.pixels());
        }
        return vae.step(images, idx.length);
      });
      return new BenchRow(REFERENCE, vae.device(), vae.describe(), t.examplesPerSecond(), Double.NaN,
          t.meanLoss(), ProcessMemory.peakHeapBytes(), ProcessMemory.peakResidentBytes());
    } catch (RuntimeException | LinkageError e) {
      return BenchRow.failed(REFERENCE, "DJL's PyTorch engine did not run: " + e);
    }
  }

  /** Throughput and mean loss over the timed steps of one row. */
  private record Timing(double examplesPerSecond, double meanLoss) {
  }

  /**
   * Runs {@code s.warmup()} untimed steps, then {@code s.steps()} timed ones, the same way for every row
   * (vae4j backends and the DJL reference): memory peaks are reset and the clock starts after the warm-up.
   *
   * @param step runs training step {@code i} and returns its loss
   */
  private static Timing time(Settings s, IntToDoubleFunction step) {
    double lossSum = 0;
    long start = 0;
    for (int i = 0; i < s.warmup() + s.steps(); i++) {
      if (i == s.warmup()) {
        ProcessMemory.resetPeaks();
        start = System.nanoTime();
      }
      double loss = step.applyAsDouble(i);
      if (i >= s.warmup()) {
        lossSum += loss;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Timing(s.steps() * (double) s.batch() / seconds, lossSum / s.steps());
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
