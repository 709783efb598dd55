package org.vae4j.examples.train;

import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.models.pixel.PixelModel;

/** The exact log-likelihood of a pixel model over a data set, for run summaries and comparisons. Stateless. */
public final class PixelLikelihoods {
  private static final int BATCH = 100;

  private PixelLikelihoods() {
  }

  /**
   * The mean {@code log p(x)} in nats of the first {@code n} images (with their labels, for a conditional
   * model), in batches of {@value #BATCH}; records no gradient.
   */
  public static double meanLogProb(PixelModel model, TensorFactory tensors, ImageDataset images, int n) {
    double sum = 0;
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      var batch = images.slice(from, to);
      try (Scope s = Scope.open(); NoGrad ignored = NoGrad.enter()) {
        Tensor x = tensors.of(batch.images(), Shape.of(to - from, 1, images.rows(), images.cols()));
        Tensor labels = model.classes() > 0 ? tensors.of(batch.labels(), Shape.of(to - from)) : null;
        sum += model.logProb(x, labels).sum().item();
      }
    }
    return sum / n;
  }
}
