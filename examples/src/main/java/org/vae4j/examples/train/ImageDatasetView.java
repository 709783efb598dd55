package org.vae4j.examples.train;

import java.util.SplittableRandom;
import org.vae4j.api.Shape;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.EpochReport;
import org.vae4j.core.train.TrainingListener;
import org.vae4j.core.train.TrainingStart;
import org.vae4j.core.data.ImageDataset;

/**
 * An {@link ImageDataset} seen by core's {@link org.vae4j.core.train.Trainer}: each image is one example of
 * {@code exampleShape} ({@code (784)} for the MLP models, {@code (1, 28, 28)} for the convolutional ones) with
 * its label.
 *
 * <p>With dynamic binarisation every pixel is drawn as 1 with probability equal to its grey level, anew each
 * epoch: the draw of image {@code i} in epoch {@code e} is fixed by {@code (seed, e, i)}, so a resumed run sees
 * the same images as an uninterrupted one. Register the view as a {@link TrainingListener} of the trainer so
 * it knows the epoch. Reads are thread-safe; the epoch is updated by the training thread.
 */
public final class ImageDatasetView implements Dataset, TrainingListener {
  private final ImageDataset images;
  private final Shape exampleShape;
  private final boolean binarize;
  private final long seed;
  private volatile int epoch;

  private ImageDatasetView(ImageDataset images, Shape exampleShape, boolean binarize, long seed) {
    if (exampleShape.size() != images.pixelsPerImage()) {
      throw new IllegalArgumentException(images.name() + ": images of " + images.rows() + "x" + images.cols()
          + " do not fill examples of shape " + exampleShape);
    }
    this.images = images;
    this.exampleShape = exampleShape;
    this.binarize = binarize;
    this.seed = seed;
  }

  /** The grey images as they are. */
  public static ImageDatasetView grey(ImageDataset images, Shape exampleShape) {
    return new ImageDatasetView(images, exampleShape, false, 0);
  }

  /** The images binarised anew every epoch, the draws fixed by {@code seed}. */
  public static ImageDatasetView dynamicallyBinarized(ImageDataset images, Shape exampleShape, long seed) {
    return new ImageDatasetView(images, exampleShape, true, seed);
  }

  /** The images behind this view. */
  public ImageDataset images() {
    return images;
  }

  @Override
  public int size() {
    return images.size();
  }

  @Override
  public Shape exampleShape() {
    return exampleShape;
  }

  @Override
  public boolean hasLabels() {
    return true;
  }

  @Override
  public void copyExample(int index, float[] destination, int offset) {
    float[] image = images.image(index);
    if (binarize) {
      image = ImageDataset.bernoulli(image, new SplittableRandom(seed * 0x9E3779B97F4A7C15L
          + epoch * 0xC2B2AE3D27D4EB4FL + index));
    }
    System.arraycopy(image, 0, destination, offset, image.length);
  }

  @Override
  public int label(int index) {
    return images.label(index);
  }

  @Override
  public void onStart(TrainingStart start) {
    epoch = start.startEpoch();
  }

  @Override
  public void onEpoch(EpochReport report) {
    epoch = report.epoch() + 1;
  }
}
