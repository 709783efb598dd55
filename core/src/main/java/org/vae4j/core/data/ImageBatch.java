package org.vae4j.core.data;

/**
 * A run of images (from {@link ImageDataset#slice}) in plain arrays, ready to be copied into a tensor of shape {@code (size, pixelsPerImage)}.
 *
 * @param images         {@code size * pixelsPerImage} values in [0, 1], row-major (image after image). The
 *                       batch owns this fresh array; the caller may modify it.
 * @param labels         {@code size} labels in [0, numClasses)
 * @param indices        {@code size} positions of these images in their data set
 * @param pixelsPerImage values per image ({@code rows * cols})
 */
public record ImageBatch(float[] images, int[] labels, int[] indices, int pixelsPerImage) {
  public ImageBatch {
    if (labels.length != indices.length || images.length != labels.length * pixelsPerImage) {
      throw new IllegalArgumentException("batch: " + images.length + " values, " + labels.length + " labels and "
          + indices.length + " indices do not fit " + pixelsPerImage + " values per image");
    }
  }

  /** Number of images in this batch. */
  public int size() {
    return labels.length;
  }
}
