package org.vae4j.core.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Labelled grey images held in memory: {@code size()} images of {@code rows x cols} values in [0, 1]
 * (grey level / 255) and one label in [0, numClasses) each.
 *
 * <p>Immutable and thread-safe. Every method that returns an array returns a fresh copy.
 */
public final class ImageDataset {
  private final String name;
  private final float[] pixels;
  private final int[] labels;
  private final int rows;
  private final int cols;
  private final int numClasses;

  /**
   * A data set over the given arrays, which it takes over: the caller must not modify them afterwards.
   *
   * @param name       what the user called it, for messages
   * @param pixels     {@code labels.length * rows * cols} values in [0, 1], row-major, image after image
   * @param labels     one label per image, in [0, numClasses)
   * @param numClasses number of classes, at least 1
   * @throws IllegalArgumentException naming the first value that breaks these rules
   */
  public ImageDataset(String name, float[] pixels, int[] labels, int rows, int cols, int numClasses) {
    if (rows < 1 || cols < 1 || numClasses < 1) {
      throw new IllegalArgumentException(name + ": rows " + rows + ", cols " + cols + " and classes "
          + numClasses + " must all be >= 1");
    }
    if ((long) labels.length * rows * cols != pixels.length) {
      throw new IllegalArgumentException(name + ": " + labels.length + " images of " + rows + "x" + cols
          + " need " + (long) labels.length * rows * cols + " pixel values, got " + pixels.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i
            + " is outside [0, " + numClasses + ")");
      }
    }
    for (int i = 0; i < pixels.length; i++) {
      if (!(pixels[i] >= 0f && pixels[i] <= 1f)) {
        throw new IllegalArgumentException(name + ": pixel value " + pixels[i] + " of image " + i / (rows * cols)
            + " is outside [0, 1]");
      }
    }
    this.name = name;
    this.pixels = pixels;
    this.labels = labels;
    this.rows = rows;
    this.cols = cols;
    this.numClasses = numClasses;
  }

  /**
   * A data set from an IDX image file and its label file, pixels scaled by 1/255.
   *
   * @throws DatasetException when the image file holds no images or images of no pixels, the two files hold
   *                          different numbers of records, or a label is not below {@code numClasses}
   */
  public static ImageDataset fromIdx(String name, IdxImages images, IdxLabels labels, int numClasses) {
    if (images.count() == 0) {
      throw new DatasetException(images.source() + " holds 0 images; a data set needs at least one image in "
          + "each part, give a complete IDX image file");
    }
    if (images.rows() == 0 || images.cols() == 0) {
      throw new DatasetException(images.source() + " holds images of " + images.rows() + "x" + images.cols()
          + " pixels; images need at least 1x1 pixels, give an MNIST-layout image file");
    }
    if (images.count() != labels.count()) {
      throw new DatasetException(images.source() + " holds " + images.count() + " images but "
          + labels.source() + " holds " + labels.count() + " labels; use an image file and the label file "
          + "that belongs to it");
    }
    int[] l = labels.labels().clone();
    for (int i = 0; i < l.length; i++) {
      if (l[i] >= numClasses) {
        throw new DatasetException(labels.source() + ": label " + l[i] + " of record " + i + " is not below "
            + numClasses + " classes; check that the label file belongs to this data set");
      }
    }
    byte[] raw = images.pixels();
    float[] p = new float[raw.length];
    for (int i = 0; i < raw.length; i++) {
      p[i] = Byte.toUnsignedInt(raw[i]) / 255f;
    }
    return new ImageDataset(name, p, l, images.rows(), images.cols(), numClasses);
  }

  /** What the user called this data set. */
  public String name() {
    return name;
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /** Rows of one image. */
  public int rows() {
    return rows;
  }

  /** Columns of one image. */
  public int cols() {
    return cols;
  }

  /** {@code rows() * cols()}. */
  public int pixelsPerImage() {
    return rows * cols;
  }

  /** Number of classes; every label is below it. */
  public int numClasses() {
    return numClasses;
  }

  /** The {@code rows * cols} values of image {@code index}, row-major. */
  public float[] image(int index) {
    int d = pixelsPerImage();
    return Arrays.copyOfRange(pixels, Math.multiplyExact(checkIndex(index), d), (index + 1) * d);
  }

  /** The label of image {@code index}. */
  public int label(int index) {
    return labels[checkIndex(index)];
  }

  /** All labels. */
  public int[] labels() {
    return labels.clone();
  }

  /** How many images each class has: element {@code c} counts label {@code c}. */
  public int[] classCounts() {
    int[] counts = new int[numClasses];
    for (int l : labels) {
      counts[l]++;
    }
    return counts;
  }

  /** Images {@code from} (inclusive) to {@code to} (exclusive) as one batch, in order. */
  public ImageBatch slice(int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new IndexOutOfBoundsException(name + ": slice [" + from + ", " + to + ") is outside [0, " + size() + ")");
    }
    int[] idx = new int[to - from];
    Arrays.setAll(idx, i -> from + i);
    return gather(idx);
  }

  /**
   * The images in batches of {@code batchSize}, in an order shuffled by {@code random} (one draw per image,
   * Fisher-Yates); the last batch holds the remainder when {@code batchSize} does not divide {@link #size()}.
   * Each batch is gathered when the iterator reaches it, so memory stays at one batch.
   *
   * @throws IllegalArgumentException when {@code batchSize < 1}
   */
  public Iterable<ImageBatch> shuffledBatches(int batchSize, RandomGenerator random) {
    int[] order = shuffledOrder(random);
    return batches(order, batchSize);
  }

  /** As {@link #shuffledBatches(int, RandomGenerator)}, in order {@code 0, 1, ...}: for evaluation. */
  public Iterable<ImageBatch> batches(int batchSize) {
    int[] order = new int[size()];
    Arrays.setAll(order, i -> i);
    return batches(order, batchSize);
  }

  /**
   * A random split into a training part of {@code size() - testSize} images and a test part of
   * {@code testSize}, drawn by {@code random}; both keep this data set's classes.
   *
   * @param classNames one name per class, for legends
   * @throws IllegalArgumentException unless {@code 0 < testSize < size()}
   */
  public TrainTest split(int testSize, RandomGenerator random, List<String> classNames) {
    if (testSize < 1 || testSize >= size()) {
      throw new IllegalArgumentException(name + ": a test part of " + testSize + " images does not split "
          + size() + " images; give a size in [1, " + (size() - 1) + "]");
    }
    int[] order = shuffledOrder(random);
    int trainSize = size() - testSize;
    return new TrainTest(name, subset(name + " train", Arrays.copyOfRange(order, 0, trainSize)),
        subset(name + " test", Arrays.copyOfRange(order, trainSize, order.length)), classNames);
  }

  /** The first {@code n} images (all of them when {@code n >= size()}), as a data set. */
  public ImageDataset head(int n) {
    int m = Math.min(Math.max(n, 0), size());
    return new ImageDataset(name, Arrays.copyOf(pixels, m * pixelsPerImage()), Arrays.copyOf(labels, m), rows,
        cols, numClasses);
  }

  /**
   * This data set with every pixel replaced by 1 with probability equal to its value and 0 otherwise (the
   * dynamic binarisation of Salakhutdinov and Murray). The same seed gives the same images.
   */
  public ImageDataset binarized(long seed) {
    return binarized(new SplittableRandom(seed));
  }

  /** As {@link #binarized(long)}, drawing one float per pixel, in order, from {@code random}. */
  public ImageDataset binarized(RandomGenerator random) {
    return new ImageDataset(name, bernoulli(pixels, random), labels.clone(), rows, cols, numClasses);
  }

  @Override
  public String toString() {
    return name + " (" + size() + " images of " + rows + "x" + cols + ", " + numClasses + " classes)";
  }

  /**
   * One Bernoulli draw per value, in order: 1 when a uniform float in [0, 1) from {@code random} is below
   * the value, else 0. The dynamic binarisation of images everywhere in the command line.
   */
  public static float[] bernoulli(float[] probabilities, RandomGenerator random) {
    float[] out = new float[probabilities.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = random.nextFloat() < probabilities[i] ? 1f : 0f;
    }
    return out;
  }

  private int[] shuffledOrder(RandomGenerator random) {
    int[] order = new int[size()];
    Arrays.setAll(order, i -> i);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private Iterable<ImageBatch> batches(int[] order, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException(name + ": batch size " + batchSize + " must be >= 1");
    }
    return () -> new Iterator<>() {
      private int from;

      @Override
      public boolean hasNext() {
        return from < order.length;
      }

      @Override
      public ImageBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException(name + ": no batch after the last one");
        }
        int to = Math.min(order.length, from + batchSize);
        ImageBatch b = gather(Arrays.copyOfRange(order, from, to));
        from = to;
        return b;
      }
    };
  }

  private ImageDataset subset(String subsetName, int[] indices) {
    ImageBatch b = gather(indices);
    return new ImageDataset(subsetName, b.images(), b.labels(), rows, cols, numClasses);
  }

  private ImageBatch gather(int[] idx) {
    int d = pixelsPerImage();
    float[] images = new float[idx.length * d];
    int[] l = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(pixels, idx[i] * d, images, i * d, d);
      l[i] = labels[idx[i]];
    }
    return new ImageBatch(images, l, idx, d);
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException(name + ": image " + index + " is outside [0, " + size() + ")");
    }
    return index;
  }
}
