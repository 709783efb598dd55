package org.vae4j.examples.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.examples.pictures.ImageGrid;
import org.vae4j.examples.run.RunDirectoryException;
import org.vae4j.models.vq.PixelCnnConfig;
import org.vae4j.models.vq.PixelCnnPrior;
import org.vae4j.models.vq.VqVae;
import org.vae4j.models.vq.VqVaeConfig;
import org.vae4j.models.vq.VqVaePipeline;

/**
 * {@code pixelcnn}: the PixelCNN prior ({@link PixelCnnConfig#sevenBySeven}) over the 7x7 code maps of a trained
 * VQ-VAE, named by {@code --vqvae <run>} and stored in this run's {@code run.json}. The images are encoded to
 * codes once; the losses are the codes' negative log-likelihood in nats per position. It draws
 * {@code samples.png} (code maps drawn from the prior, decoded by the VQ-VAE) and the VQ-VAE's
 * {@code reconstructions.png}.
 *
 * <p>The VQ-VAE of each run folder is loaded once per backend and kept for the life of the process.
 */
public final class PixelCnnRecipe implements ModelRecipe {
  private static final Logger LOG = LoggerFactory.getLogger(PixelCnnRecipe.class);
  private final Map<String, VqVae> loaded = new ConcurrentHashMap<>();

  @Override
  public String kind() {
    return "pixelcnn";
  }

  @Override
  public String description() {
    return "PixelCNN prior over the codes of a trained vqvae (--vqvae <run>)";
  }

  @Override
  public void check(ModelSpec spec) {
    if (spec.parent() == null) {
      throw new RunInputException("train pixelcnn needs --vqvae <run folder of a trained vqvae>, e.g. "
          + "'vae4j train vqvae --out runs/vq' then 'vae4j train pixelcnn --vqvae runs/vq'");
    }
    RunSource vq = RunSource.locate(Path.of(spec.parent()), "--vqvae");
    if (!vq.config().spec().kind().equals("vqvae")) {
      throw new RunDirectoryException("--vqvae " + spec.parent() + " is a " + vq.config().spec().kind()
          + " run; give the run folder of a trained vqvae");
    }
  }

  @Override
  public String describe(ModelSpec spec) {
    return "pixelcnn " + priorConfig(VqVaeConfig.mnist().numCodes()).describe();
  }

  /** The sizes of the prior over {@code numCodes} codes that this recipe trains. */
  public static PixelCnnConfig priorConfig(int numCodes) {
    return PixelCnnConfig.sevenBySeven(numCodes);
  }

  /** A new prior of {@link #priorConfig} over {@code numCodes} codes. */
  public static PixelCnnPrior prior(int numCodes, ParameterFactory parameters) {
    return new PixelCnnPrior(priorConfig(numCodes), parameters);
  }

  @Override
  public Shape exampleShape(ModelSpec spec) {
    return Shape.of(VqVae.MAP_SIDE, VqVae.MAP_SIDE);
  }

  /** The VQ-VAE's input, {@code (1, 28, 28)}. */
  @Override
  public Shape imageShape(ModelSpec spec) {
    return Shape.of(1, spec.rows(), spec.cols());
  }

  @Override
  public Dataset trainingData(ImageDatasetView images, ModelSpec spec, TensorFactory tensors) {
    return VqVaePipeline.codeDataset(VqVaePipeline.encode(vqVae(spec, tensors), images, 500));
  }

  @Override
  public TrainableModel create(ModelSpec spec, ParameterFactory parameters) {
    return prior(vqVae(spec, parameters.tensors()).numCodes(), parameters);
  }

  @Override
  public String lossLabel() {
    return "negative log-likelihood of the codes (nats per position)";
  }

  @Override
  public void drawPictures(TrainableModel model, PictureContext c) {
    VqVae vq = vqVae(c.spec(), c.tensors());
    int n = 100;
    try (Scope s = Scope.open()) {
      float[] images = VqVaePipeline.sampleImages(vq, (PixelCnnPrior) model, n, PhiloxStream.seeded(c.seed()))
          .toFloatArray();
      new ImageGrid(c.spec().rows(), c.spec().cols(), 10).figure(images, n).title("Samples: " + c.heading())
          .caption(n + " code maps drawn from the PixelCNN prior, position by position, decoded by the VQ-VAE.")
          .write(c.run().file("samples.png"));
    }
    VqVaeRecipe.reconstructions(vq, c);
    PixelCnnPrior prior = (PixelCnnPrior) model;
    LOG.info("pixelcnn: a uniform prior over {} codes would need {} bits per position", prior.numCodes(),
        String.format(Locale.ROOT, "%.2f", prior.uniformBitsPerDimension()));
  }

  /** Samples from this prior, reconstructions and code maps through its VQ-VAE. */
  @Override
  public Optional<ModelUse> use(TrainableModel model, ModelSpec spec, TensorFactory tensors) {
    return Optional.of(VqVaeRecipe.use(vqVae(spec, tensors), (PixelCnnPrior) model, spec, tensors));
  }

  /** The VQ-VAE of the spec's parent run on {@code tensors}' backend, loaded once; owned by this recipe. */
  public VqVae vqVae(ModelSpec spec, TensorFactory tensors) {
    String key = spec.parent() + "@" + tensors.backendName() + ":" + tensors.device();
    return loaded.computeIfAbsent(key, k -> {
      RunSource source = RunSource.locate(Path.of(spec.parent()), "--vqvae");
      VqVae vq = new VqVae(VqVaeConfig.mnist(), ParameterFactory.of(tensors, PhiloxStream.seeded(0)));
      try {
        Checkpoint.read(source.checkpoint()).restoreParameters(vq);
      } catch (IOException | RuntimeException e) {
        vq.close();
        throw new RunDirectoryException("--vqvae " + spec.parent() + ": its checkpoint does not fit a VQ-VAE of "
            + VqVaeConfig.mnist().describe() + " (" + e.getMessage() + ")", e);
      }
      vq.train(false);
      return vq;
    });
  }
}
