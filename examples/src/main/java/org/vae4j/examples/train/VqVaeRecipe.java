package org.vae4j.examples.train;

import java.util.Optional;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.examples.pictures.ImageGrid;
import org.vae4j.models.vq.VqVae;
import org.vae4j.models.vq.PixelCnnPrior;
import org.vae4j.models.vq.VqVaeConfig;
import org.vae4j.models.vq.VqVaePipeline;

/**
 * {@code vqvae}: the VQ-VAE of {@link VqVae} with {@link VqVaeConfig#mnist()} (28x28 images to 7x7 maps of 64
 * codes; {@code --hidden} and {@code --latent} do not apply). It draws {@code reconstructions.png}; samples
 * need a prior over its codes, which {@code vae4j train pixelcnn --vqvae <this run>} trains and draws.
 */
public final class VqVaeRecipe implements ModelRecipe {

  @Override
  public String kind() {
    return "vqvae";
  }

  @Override
  public String description() {
    return "VQ-VAE: 28x28 images to 7x7 maps of 64 discrete codes";
  }

  @Override
  public void check(ModelSpec spec) {
    if (spec.rows() != VqVae.IMAGE_SIDE || spec.cols() != VqVae.IMAGE_SIDE) {
      throw new RunInputException("vqvae needs 28x28 images, the data has " + spec.rows() + "x" + spec.cols()
          + "; give --data mnist-10k or fashion-mnist");
    }
  }

  @Override
  public String describe(ModelSpec spec) {
    return "vqvae " + VqVaeConfig.mnist().describe();
  }

  @Override
  public Shape exampleShape(ModelSpec spec) {
    return Shape.of(1, spec.rows(), spec.cols());
  }

  @Override
  public TrainableModel create(ModelSpec spec, ParameterFactory parameters) {
    return new VqVae(VqVaeConfig.mnist(), parameters);
  }

  @Override
  public String lossLabel() {
    return "BCE per pixel + codebook + 0.25 commitment";
  }

  @Override
  public void drawPictures(TrainableModel model, PictureContext context) {
    reconstructions((VqVae) model, context);
  }

  @Override
  public Optional<ModelUse> use(TrainableModel model, ModelSpec spec, TensorFactory tensors) {
    return Optional.of(use((VqVae) model, null, spec, tensors));
  }

  /**
   * Reconstructions and code maps through {@code vq}; samples from {@code prior}, or a {@link RunInputException}
   * when it is null (a VQ-VAE alone has no distribution over its codes).
   */
  static ModelUse use(VqVae vq, PixelCnnPrior prior, ModelSpec spec, TensorFactory tensors) {
    Shape images = Shape.of(1, spec.rows(), spec.cols());
    return new ModelUse() {
      @Override
      public float[] sample(int[] labels, RandomStream rng) {
        if (prior == null) {
          throw new RunInputException("a vqvae has no prior over its codes to sample from; train one with "
              + "'vae4j train pixelcnn --vqvae <this run>' and sample from that run");
        }
        return VqVaePipeline.sampleImages(vq, prior, labels.length, rng).toFloatArray();
      }

      @Override
      public float[] reconstruct(float[] pixels, int[] labels, int n) {
        return vq.reconstruct(tensors.of(pixels, images.prepend(n))).toFloatArray();
      }

      @Override
      public float[] encode(float[] pixels, int[] labels, int n) {
        return vq.encodeToCodes(tensors.of(pixels, images.prepend(n))).toFloatArray();
      }

      @Override
      public int codeWidth() {
        return VqVae.MAP_SIDE * VqVae.MAP_SIDE;
      }

      @Override
      public String codeName() {
        return "code";
      }

      @Override
      public boolean discreteCodes() {
        return true;
      }
    };
  }

  /** Three rows of test images, each above the row of their reconstructions through the codes. */
  static void reconstructions(VqVae vq, PictureContext c) {
    ImageDataset test = c.data().test();
    int n = Math.min(30, test.size());
    var batch = test.slice(0, n);
    try (Scope s = Scope.open()) {
      Tensor x = c.tensors().of(batch.images(), Shape.of(n, 1, test.rows(), test.cols()));
      float[] recon = vq.reconstruct(x).toFloatArray();
      new ImageGrid(test.rows(), test.cols(), 10).comparisonFigure(batch.images(), recon, n)
          .title("Reconstructions: " + c.heading()).caption("The first " + n + " test images (input) above their "
              + "reconstructions through the nearest codes of the " + VqVae.MAP_SIDE + "x" + VqVae.MAP_SIDE
              + " code map.").write(c.run().file("reconstructions.png"));
    }
  }
}
