package org.vae4j.examples.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.distributions.Validation;
import org.vae4j.core.estimators.LogLikelihood;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.examples.app.DataPreparation;
import org.vae4j.examples.app.ModelLoader;
import org.vae4j.examples.data.Datasets;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.core.data.TrainTest;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ModelRecipes;
import org.vae4j.examples.train.PixelCnnRecipe;
import org.vae4j.examples.train.PixelLikelihoods;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.examples.train.RunInputException;
import org.vae4j.examples.train.RunSource;
import org.vae4j.models.Vae;
import org.vae4j.models.pixel.PixelLevels;
import org.vae4j.models.pixel.PixelModel;
import org.vae4j.models.pixel.PixelRnn;
import org.vae4j.models.pixel.PixelRnnConfig;
import org.vae4j.models.vq.GreyLevelBound;
import org.vae4j.models.vq.PixelCnnPrior;
import org.vae4j.models.vq.VqVae;

/**
 * Scores trained runs on one set of test images: the first {@code images} test digits of the runs' data set,
 * binarised once with {@link DataPreparation#TEST_BINARIZATION_SEED} for the binary models, as grey levels for
 * the others. Per run:
 *
 * <ul>
 *   <li>a VAE trained with {@code --binarize}: its negative ELBO (one sample, as trained) and {@code -log p(x)}
 *       estimated by importance sampling with {@code k} samples (Burda et al. 2016);</li>
 *   <li>a gated PixelCNN or PixelRNN: the exact {@code -log p(x)}, binary or over 256 levels;</li>
 *   <li>a PixelCNN prior over a VQ-VAE's codes: the bound {@code -log p(x | z_q) - log p(z_q)} on grey levels
 *       ({@link GreyLevelBound}, its decoder's scale fitted on 1,000 training images).</li>
 * </ul>
 *
 * Every run must come from the same data set. One instance per command; not thread-safe.
 */
public final class Comparison {
  private static final Logger LOG = LoggerFactory.getLogger(Comparison.class);
  private static final int SCALE_FIT_IMAGES = 1000;

  private final ModelLoader loader;
  private final Datasets datasets;
  private final ModelRecipes recipes;
  private final String backend;
  private final Device device;

  /**
   * @param backend the backend to score on, or null for the registry's choice
   * @param device  the device, or null for the backend's default
   */
  public Comparison(ModelLoader loader, Datasets datasets, ModelRecipes recipes, String backend,
      Device device) {
    this.loader = loader;
    this.datasets = datasets;
    this.recipes = recipes;
    this.backend = backend;
    this.device = device;
  }

  /**
   * Scores every run.
   *
   * @param images test images, from the first
   * @param k      importance samples per image for the VAEs' {@code -log p(x)}
   * @throws RunInputException when the runs come from different data sets or a run's model cannot be scored
   */
  public ComparisonReport score(List<Path> runs, int images, int k, long seed) {
    if (runs.isEmpty()) {
      throw new RunInputException("compare: give at least one run folder");
    }
    List<RunSource> sources = new ArrayList<>();
    for (Path run : runs) {
      sources.add(RunSource.locate(run, "compare"));
    }
    RunConfig first = sources.get(0).config();
    for (int i = 1; i < sources.size(); i++) {
      RunConfig c = sources.get(i).config();
      if (!c.data().equals(first.data()) || c.spec().rows() != first.spec().rows()
          || c.spec().cols() != first.spec().cols()) {
        throw new RunInputException("compare: " + runs.get(i) + " was trained on " + c.data() + " (" + c.spec().rows()
            + "x" + c.spec().cols() + ") but " + runs.get(0) + " on " + first.data() + " (" + first.spec().rows() + "x"
            + first.spec().cols() + "); compare runs of one data set");
      }
    }
    TrainTest data = datasets.load(first.data());
    int n = Math.min(images, data.test().size());
    ImageDataset grey = data.test().head(n);
    ImageDataset binary = grey.binarized(DataPreparation.TEST_BINARIZATION_SEED);
    LOG.info("scoring {} runs on the first {} test images of {} (binarised with seed {} for the binary models)",
        runs.size(), n, first.data(), DataPreparation.TEST_BINARIZATION_SEED);
    boolean validation = Validation.setEnabled(false);
    try {
      List<ComparisonRow> rows = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        rows.addAll(score(runs.get(i), sources.get(i), data, binary, grey, k, seed));
      }
      return new ComparisonReport(first.data(), n, k, rows);
    } finally {
      Validation.setEnabled(validation);
    }
  }

  private List<ComparisonRow> score(Path run, RunSource source, TrainTest data, ImageDataset binary,
      ImageDataset grey, int k, long seed) {
    RunConfig config = source.config();
    String kind = config.spec().kind();
    String what = run.toString();
    long start = System.nanoTime();
    try (ModelLoader.Loaded m = loader.load(run, backend, device)) {
      String model = m.recipe().describe(config.spec());
      TensorFactory f = m.tensors();
      int epochs = source.epoch();
      if (m.model() instanceof Vae vae) {
        if (!config.binarize()) {
          throw new RunInputException("compare: " + run + " is a " + kind + " trained on grey levels, which has no"
              + " likelihood over 256 levels to compare; train it with --binarize");
        }
        double elbo = negativeElbo(vae, f, binary, seed);
        double elboSeconds = seconds(start);
        long isStart = System.nanoTime();
        double nll = importanceSampled(vae, f, binary, k, seed);
        return List.of(row("binary", model, what, "negative ELBO (1 sample)", elbo, binary, epochs, null,
            elboSeconds), row("binary", model, what, "-log p(x), importance sampled, k = " + k, nll, binary, epochs,
                null, seconds(isStart)));
      }
      if (m.model() instanceof PixelModel pixel) {
        boolean isBinary = pixel.levels() == PixelLevels.BINARY;
        ImageDataset scored = isBinary ? binary : grey;
        double nll = -PixelLikelihoods.meanLogProb(pixel, f, scored, scored.size());
        return List.of(row(isBinary ? "binary" : "grey", model, what, "-log p(x), exact", nll, grey, epochs,
            isBinary ? paperFigure(pixel) : null, seconds(start)));
      }
      if (m.model() instanceof PixelCnnPrior prior) {
        VqVae vq = ((PixelCnnRecipe) recipes.find("pixelcnn").orElseThrow()).vqVae(config.spec(), f);
        int fit = Math.min(SCALE_FIT_IMAGES, data.train().size());
        double scale = GreyLevelBound.fitScale(vq, f, data.train().head(fit).slice(0, fit).images(), fit);
        double[] bound = GreyLevelBound.negativeLogLikelihood(vq, prior, f, grey.slice(0, grey.size()).images(),
            grey.size(), scale);
        double mean = java.util.Arrays.stream(bound).average().orElse(Double.NaN);
        LOG.info("{}: the VQ-VAE decoder's grey levels as a discretised logistic of scale {} (fitted on {} training"
            + " images)", run, String.format(Locale.ROOT, "%.4f", scale), fit);
        return List.of(row("grey", "vqvae + " + model, what, String.format(Locale.ROOT,
            "bound -log p(x|z) - log p(z), discretised logistic s = %.4f", scale), mean, grey, epochs, null,
            seconds(start)));
      }
      throw new RunInputException("compare: " + run + " is a " + kind + " run; compare scores vae and convvae runs"
          + " trained with --binarize, gated-pixelcnn, pixelrnn and pixelcnn (VQ-VAE prior) runs");
    }
  }

  private static ComparisonRow row(String table, String model, String run, String measure, double nats,
      ImageDataset images, int epochs, String paper, double seconds) {
    LOG.info("{}: {} {} = {} nats per image", run, model, measure, String.format(Locale.ROOT, "%.2f", nats));
    return new ComparisonRow(table, model, run, measure, nats, nats / (Math.log(2) * images.pixelsPerImage()),
        epochs, paper, seconds);
  }

  /** The published figure on the full binarised MNIST for this kind of model, or null. */
  private static String paperFigure(PixelModel model) {
    if (model instanceof PixelRnn rnn) {
      return rnn.config().arch() == PixelRnnConfig.Arch.DIAGONAL_BILSTM
          ? "79.20 (Diagonal BiLSTM, 7 layers, h = 16; van den Oord et al. 2016a)" : null;
    }
    return "81.30 (PixelCNN; van den Oord et al. 2016a)";
  }

  private static double negativeElbo(Vae vae, TensorFactory f, ImageDataset images, long seed) {
    PhiloxStream rng = PhiloxStream.seeded(seed);
    double sum = 0;
    for (int from = 0; from < images.size(); from += 100) {
      int to = Math.min(images.size(), from + 100);
      try (Scope s = Scope.open(); NoGrad ignored = NoGrad.enter()) {
        Tensor x = f.of(images.slice(from, to).images(), vae.dataShape().prepend(to - from));
        sum -= vae.elbo(x, rng).perExample().sum().item();
      }
    }
    return sum / images.size();
  }

  private static double importanceSampled(Vae vae, TensorFactory f, ImageDataset images, int k, long seed) {
    PhiloxStream rng = PhiloxStream.seeded(seed + 1);
    double sum = 0;
    int batch = 10;
    for (int from = 0; from < images.size(); from += batch) {
      int to = Math.min(images.size(), from + batch);
      try (Scope s = Scope.open()) {
        Tensor x = f.of(images.slice(from, to).images(), vae.dataShape().prepend(to - from));
        sum -= LogLikelihood.estimate(vae, x, rng, k, 500).sum().item();
      }
    }
    return sum / images.size();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
