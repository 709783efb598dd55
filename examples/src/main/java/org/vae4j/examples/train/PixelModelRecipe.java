package org.vae4j.examples.train;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.examples.pictures.ImageGrid;
import org.vae4j.models.pixel.PixelLevels;
import org.vae4j.models.pixel.PixelModel;

/**
 * What the two pixel models' recipes share ({@code gated-pixelcnn}, {@code pixelrnn}): images {@code (1, H, W)},
 * the option {@code levels} (2 with {@code --binarize}, else 256; the other combinations are refused), the exact
 * test log-likelihood over every test image, the pictures {@code samples.png} (one row per class for a
 * conditional model) and {@code completions.png} (see {@link PixelCompletions}), and {@code vae4j sample}.
 * Stateless.
 */
abstract class PixelModelRecipe implements ModelRecipe {
  static final String LEVELS = "levels";
  private static final Logger LOG = LoggerFactory.getLogger(PixelModelRecipe.class);
  private static final int SAMPLES = 100;
  private static final int COMPLETED_IMAGES = 10;
  private static final int COMPLETIONS = 5;

  /** The model's own options (after {@code levels}), read from {@code o}. */
  abstract void readOptions(ModelOptions o);

  /** The model of a complete stored spec. */
  abstract PixelModel build(ModelSpec spec, PixelLevels levels, ParameterFactory parameters);

  @Override
  public final Map<String, String> options(Map<String, String> given, boolean binarize) {
    ModelOptions o = new ModelOptions(kind(), given);
    int levels = o.integer(LEVELS, binarize ? 2 : 256, 2, 256);
    if (levels != 2 && levels != 256) {
      throw new RunInputException(kind() + ": --set levels=" + levels + " is not modelled; give 2 (with --binarize)"
          + " or 256 (grey levels)");
    }
    if (levels == 256 && binarize) {
      throw new RunInputException(kind() + ": --set levels=256 asks for 256-way output, but --binarize makes the"
          + " images binary; drop --binarize for grey levels, or --set levels=2");
    }
    if (levels == 2 && !binarize) {
      throw new RunInputException(kind() + ": --set levels=2 models binary images, but the images are grey; add"
          + " --binarize");
    }
    readOptions(o);
    return o.resolved();
  }

  @Override
  public final TrainableModel create(ModelSpec spec, ParameterFactory parameters) {
    return build(spec, levelsOf(spec), parameters);
  }

  /** The levels a stored spec's model predicts. */
  static PixelLevels levelsOf(ModelSpec spec) {
    String v = spec.option(LEVELS);
    if (v == null) {
      throw new RunInputException("model " + spec.kind() + ": the run's spec has no option 'levels'; train it again"
          + " with this vae4j");
    }
    return PixelLevels.of(Integer.parseInt(v));
  }

  @Override
  public String describe(ModelSpec spec) {
    return spec.describe();
  }

  @Override
  public Shape exampleShape(ModelSpec spec) {
    return Shape.of(1, spec.rows(), spec.cols());
  }

  @Override
  public String lossLabel() {
    return "negative log-likelihood (nats per image)";
  }

  @Override
  public String logLikelihoodMethod() {
    return "exact";
  }

  /** Every test image: the exact log-likelihood costs one pass per batch. */
  @Override
  public int logLikelihoodImages() {
    return Integer.MAX_VALUE;
  }

  /** The pixel models train for 3 epochs unless told otherwise: each costs far more than a VAE's. */
  @Override
  public int defaultEpochs() {
    return 3;
  }

  /**
   * Batches of 32: in the few epochs a CPU affords, an autoregressive model gains more from four times the
   * steps than from larger batches.
   */
  @Override
  public int defaultBatch() {
    return 32;
  }

  @Override
  public OptionalDouble testLogLikelihood(TrainableModel model, PictureContext c) {
    ImageDataset test = c.data().test();
    int n = Math.min(c.logLikelihoodImages(), test.size());
    if (n == 0) {
      return OptionalDouble.empty();
    }
    double mean = PixelLikelihoods.meanLogProb((PixelModel) model, c.tensors(), test, n);
    LOG.info("{}: exact test negative log-likelihood {} nats per image, {} bits per dimension", kind(),
        String.format(Locale.ROOT, "%.2f", -mean),
        String.format(Locale.ROOT, "%.4f", -mean / (Math.log(2) * c.spec().pixels())));
    return OptionalDouble.of(mean);
  }

  @Override
  public void drawPictures(TrainableModel model, PictureContext c) {
    PixelModel m = (PixelModel) model;
    try (Scope s = Scope.open()) {
      int[] labels = new int[SAMPLES];
      for (int i = 0; i < SAMPLES; i++) {
        labels[i] = (i / 10) % c.spec().classes();
      }
      long start = System.nanoTime();
      float[] samples = sample(m, labels, c.tensors(), PhiloxStream.seeded(c.seed()));
      LOG.info("{}: {} samples in {} s", kind(), SAMPLES,
          String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
      new ImageGrid(c.spec().rows(), c.spec().cols(), 10).figure(samples, SAMPLES).title("Samples: " + c.heading())
          .caption(SAMPLES + " images drawn pixel by pixel in raster order"
              + (c.spec().classes() > 0 ? ", row by row one label" : "") + ".")
          .write(c.run().file("samples.png"));
      ImageDataset test = c.data().test();
      int n = Math.min(COMPLETED_IMAGES, test.size());
      var batch = test.slice(0, n);
      PixelCompletions.write(c.run().file("completions.png"), m, c.tensors(), batch.images(), batch.labels(), n,
          c.spec().rows() / 2, COMPLETIONS, PhiloxStream.seeded(c.seed() + 1), c.heading());
    }
  }

  @Override
  public Optional<ModelUse> use(TrainableModel model, ModelSpec spec, TensorFactory tensors) {
    PixelModel m = (PixelModel) model;
    String kind = kind();
    return Optional.of(new ModelUse() {
      @Override
      public float[] sample(int[] labels, RandomStream rng) {
        return PixelModelRecipe.sample(m, labels, tensors, rng);
      }

      @Override
      public float[] reconstruct(float[] images, int[] labels, int n) {
        throw new RunInputException(kind + " has no latent code to reconstruct from; use 'vae4j sample' or"
            + " 'vae4j complete'");
      }

      @Override
      public float[] encode(float[] images, int[] labels, int n) {
        throw new RunInputException(kind + " has no latent code to encode to; use 'vae4j sample' or 'vae4j complete'");
      }

      @Override
      public int codeWidth() {
        return 0;
      }

      @Override
      public String codeName() {
        return "none";
      }
    });
  }

  /** {@code labels.length} images drawn from the model (labels used by a conditional model), on the host. */
  static float[] sample(PixelModel m, int[] labels, TensorFactory tensors, RandomStream rng) {
    try (Scope s = Scope.open()) {
      Tensor l = m.classes() > 0 ? tensors.of(labels, Shape.of(labels.length)) : null;
      return m.sample(labels.length, l, rng).toFloatArray();
    }
  }
}
