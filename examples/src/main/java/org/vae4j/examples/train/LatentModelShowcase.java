package org.vae4j.examples.train;

import java.util.OptionalDouble;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.estimators.LogLikelihood;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.examples.pictures.VaePictures;

/**
 * The pictures and the log-likelihood estimate shared by the VAE recipes: {@code reconstructions.png},
 * {@code samples.png}, {@code interpolation.png}, and for a 2-D latent {@code manifold.png} (unconditional
 * models) and {@code latent-scatter.png}. Stateless.
 */
final class LatentModelShowcase {
  private LatentModelShowcase() {
  }

  static void draw(ModelRecipe recipe, VaePictures.Views views, PictureContext c, boolean manifold) {
    VaePictures pictures = c.pictures(recipe);
    ImageDataset test = c.data().test();
    pictures.reconstructions(c.run().file("reconstructions.png"), views, test);
    pictures.samples(c.run().file("samples.png"), views, c.spec().classes(), !manifold);
    pictures.interpolation(c.run().file("interpolation.png"), views, test);
    if (c.spec().latent() == 2) {
      if (manifold) {
        pictures.manifold(c.run().file("manifold.png"), views.on(new int[0]));
      }
      pictures.latentScatter(c.run().file("latent-scatter.png"), views, test, c.data().classNames());
    }
  }

  /**
   * The mean importance-sampled log-likelihood of the first {@link PictureContext#logLikelihoodImages()}
   * test images with {@link PictureContext#LOG_LIKELIHOOD_SAMPLES} samples each.
   */
  static OptionalDouble logLikelihood(ModelRecipe recipe, VaePictures.Views views, PictureContext c) {
    ImageDataset test = c.data().test();
    int n = Math.min(c.logLikelihoodImages(), test.size());
    if (n == 0) {
      return OptionalDouble.empty();
    }
    Shape exampleShape = recipe.exampleShape(c.spec());
    PhiloxStream rng = PhiloxStream.seeded(c.seed() ^ 0x5DEECE66DL);
    double sum = 0;
    int batch = 25;
    for (int from = 0; from < n; from += batch) {
      int to = Math.min(n, from + batch);
      var images = test.slice(from, to);
      try (Scope s = Scope.open()) {
        Tensor x = c.tensors().of(images.images(), exampleShape.prepend(to - from));
        for (double v : LogLikelihood.estimate(views.on(images.labels()), x, rng,
            PictureContext.LOG_LIKELIHOOD_SAMPLES).toDoubleArray()) {
          sum += v;
        }
      }
    }
    return OptionalDouble.of(sum / n);
  }
}
