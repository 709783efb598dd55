package org.vae4j.examples.train;

import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.examples.pictures.VaePictures;

/**
 * What {@code vae4j sample}, {@code reconstruct} and {@code encode} do with a trained model, on host arrays.
 * Images are {@code n * pixels} values in [0, 1], image after image. Tensors are made in the caller's scope.
 * An operation the model does not have throws {@link RunInputException} saying what to use instead.
 */
public interface ModelUse {

  /** One image per label (labels are ignored by unconditional models). */
  float[] sample(int[] labels, RandomStream rng);

  /** The reconstructions of {@code n} images with their labels. */
  float[] reconstruct(float[] images, int[] labels, int n);

  /** The codes of {@code n} images: {@code n * codeWidth()} values, image after image. */
  float[] encode(float[] images, int[] labels, int n);

  /**
   * The log-variances of q(z|x) of {@code n} images, as {@link #encode} gives the means.
   *
   * @throws RunInputException for a model whose codes are discrete
   */
  default float[] encodeLogVariance(float[] images, int[] labels, int n) {
    throw new RunInputException("--log-variance: this model's codes are discrete indices, with no variance; "
        + "leave it out");
  }

  /** Values per image that {@link #encode} gives. */
  int codeWidth();

  /** The CSV column prefix of a code value: {@code z} for latent means, {@code code} for discrete codes. */
  String codeName();

  /** True when the codes are indices (written as integers), false for real-valued latent means. */
  default boolean discreteCodes() {
    return false;
  }

  /** A VAE seen through its views: prior samples, decoded posterior means, posterior means. */
  static ModelUse ofVae(VaePictures.Views views, TensorFactory tensors, Shape exampleShape, int latent) {
    return new ModelUse() {
      @Override
      public float[] sample(int[] labels, RandomStream rng) {
        return views.on(labels).sample(labels.length, rng).toFloatArray();
      }

      @Override
      public float[] reconstruct(float[] images, int[] labels, int n) {
        return views.on(labels).reconstruct(tensors.of(images, exampleShape.prepend(n))).toFloatArray();
      }

      @Override
      public float[] encode(float[] images, int[] labels, int n) {
        return views.on(labels).encodeMean(tensors.of(images, exampleShape.prepend(n))).toFloatArray();
      }

      @Override
      public float[] encodeLogVariance(float[] images, int[] labels, int n) {
        return views.on(labels).encode(tensors.of(images, exampleShape.prepend(n))).variance().log().toFloatArray();
      }

      @Override
      public int codeWidth() {
        return latent;
      }

      @Override
      public String codeName() {
        return "z";
      }
    };
  }
}
