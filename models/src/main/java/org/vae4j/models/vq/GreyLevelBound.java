package org.vae4j.models.vq;

import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;

/**
 * An upper bound on {@code -log p(x)} of grey-level images (256 levels) under a VQ-VAE with a PixelCNN prior, the
 * way the VQ-VAE paper reports bits per dimension: with the deterministic posterior {@code q(z|x) = 1[z = z_q(x)]},
 * {@code -log p(x) <= -log p(x | z_q) - log p_prior(z_q)}.
 *
 * <p>The decoder was trained with a Bernoulli cross-entropy on grey levels, which is no distribution over 256
 * levels; here its means {@code mu = sigmoid(logits)} become one: each pixel a discretised logistic around
 * {@code mu} with one scale {@code s} for every pixel (PixelCNN++'s likelihood: bins of width 1/255, the two end
 * bins taking the tails), {@code s} fitted by maximum likelihood on training images ({@link #fitScale}), never on
 * the images scored. The arithmetic runs on the host in double precision. Stateless.
 */
public final class GreyLevelBound {
  private static final int LEVELS = 256;
  private static final int BATCH = 100;

  private GreyLevelBound() {
  }

  /**
   * The scale of the discretised logistic that maximises the mean log-likelihood of {@code images} given the
   * decoder's means of their own codes: a golden-section search over {@code log s} in {@code [ln 1e-4, 0]}.
   *
   * @param images {@code n * 784} grey levels v/255
   */
  public static double fitScale(VqVae vq, TensorFactory tensors, float[] images, int n) {
    float[] means = decodedMeans(vq, tensors, images, n);
    double lo = Math.log(1e-4);
    double hi = 0;
    double phi = (Math.sqrt(5) - 1) / 2;
    for (int it = 0; it < 60; it++) {
      double a = hi - phi * (hi - lo);
      double b = lo + phi * (hi - lo);
      if (logLikelihood(means, images, Math.exp(a)) > logLikelihood(means, images, Math.exp(b))) {
        hi = b;
      } else {
        lo = a;
      }
    }
    return Math.exp((lo + hi) / 2);
  }

  /**
   * The bound {@code -log p(x | z_q) - log p_prior(z_q)} in nats for each of {@code n} images.
   *
   * @param scale the discretised logistic's scale, from {@link #fitScale} on other images
   */
  public static double[] negativeLogLikelihood(VqVae vq, PixelCnnPrior prior, TensorFactory tensors, float[] images,
      int n, double scale) {
    int pixels = VqVae.IMAGE_SIDE * VqVae.IMAGE_SIDE;
    double[] out = new double[n];
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      try (Scope s = Scope.open(); NoGrad ignored = NoGrad.enter()) {
        Tensor x = batch(tensors, images, from, to);
        Tensor codes = vq.encodeToCodes(x);
        float[] mu = vq.decodeCodes(codes).toFloatArray();
        double[] codeLogProb = prior.logProb(codes).toDoubleArray();
        for (int i = 0; i < to - from; i++) {
          double logp = codeLogProb[i];
          for (int p = 0; p < pixels; p++) {
            logp += logProb(images[(from + i) * pixels + p], mu[i * pixels + p], scale);
          }
          out[from + i] = -logp;
        }
      }
    }
    return out;
  }

  /**
   * {@code log P(v)} of the grey level {@code x = v/255} under the discretised logistic with mean {@code mu} and
   * scale {@code s}: {@code sigmoid((x + 1/510 - mu)/s) - sigmoid((x - 1/510 - mu)/s)}, the lowest bin reaching
   * to minus infinity and the highest to plus infinity.
   */
  static double logProb(double x, double mu, double s) {
    int v = (int) Math.rint(x * (LEVELS - 1));
    double half = 0.5 / (LEVELS - 1);
    double upper = (x + half - mu) / s;
    double lower = (x - half - mu) / s;
    if (v == 0) {
      return logSigmoid(upper);
    }
    if (v == LEVELS - 1) {
      return logSigmoid(-lower);
    }
    // sigmoid(u) - sigmoid(l) = sigmoid(-l) - sigmoid(-u): take the side where both are small
    double a = upper;
    double b = lower;
    if (lower > 0) {
      a = -lower;
      b = -upper;
    }
    double la = logSigmoid(a);
    return la + Math.log1p(-Math.exp(logSigmoid(b) - la));
  }

  private static double logSigmoid(double t) {
    return t >= 0 ? -Math.log1p(Math.exp(-t)) : t - Math.log1p(Math.exp(t));
  }

  private static double logLikelihood(float[] means, float[] images, double scale) {
    double sum = 0;
    for (int i = 0; i < means.length; i++) {
      sum += logProb(images[i], means[i], scale);
    }
    return sum;
  }

  private static float[] decodedMeans(VqVae vq, TensorFactory tensors, float[] images, int n) {
    int pixels = VqVae.IMAGE_SIDE * VqVae.IMAGE_SIDE;
    float[] means = new float[n * pixels];
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      try (Scope s = Scope.open(); NoGrad ignored = NoGrad.enter()) {
        float[] mu = vq.reconstruct(batch(tensors, images, from, to)).toFloatArray();
        System.arraycopy(mu, 0, means, from * pixels, mu.length);
      }
    }
    return means;
  }

  private static Tensor batch(TensorFactory tensors, float[] images, int from, int to) {
    int pixels = VqVae.IMAGE_SIDE * VqVae.IMAGE_SIDE;
    float[] part = java.util.Arrays.copyOfRange(images, from * pixels, to * pixels);
    return tensors.of(part, Shape.of(to - from, 1, VqVae.IMAGE_SIDE, VqVae.IMAGE_SIDE));
  }
}
