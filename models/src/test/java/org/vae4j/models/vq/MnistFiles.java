package org.vae4j.models.vq;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.vae4j.api.Shape;
import org.vae4j.core.train.Dataset;

/** Reads gzip IDX image files (MNIST layout) into {@code (1, 28, 28)} datasets with pixels in [0, 1]. */
final class MnistFiles {
  /** The 1,000 test digits of mnist-10k, shipped as a test resource. */
  static final String TEST_RESOURCE = "/mnist-1k/t10k-images-idx3-ubyte.gz";

  private MnistFiles() {
  }

  /** The images of the classpath resource {@code name}. */
  static Dataset resource(String name) {
    try (InputStream in = MnistFiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("MnistFiles: test resource " + name + " is missing");
      }
      return read(in, name, 0, Integer.MAX_VALUE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Images {@code [from, from + count)} of the gzip IDX file {@code file} (fewer when it ends first). */
  static Dataset file(Path file, int from, int count) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), from, count);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Images {@code [from, from + count)} of {@code data}. */
  static Dataset slice(Dataset data, int from, int count) {
    int size = data.exampleShape().sizeAsInt();
    int n = Math.min(count, data.size() - from);
    float[] values = new float[n * size];
    for (int i = 0; i < n; i++) {
      data.copyExample(from + i, values, i * size);
    }
    return Dataset.of(values, data.exampleShape(), null);
  }

  private static Dataset read(InputStream raw, String source, int from, int count) throws IOException {
    DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
    int magic = in.readInt();
    if (magic != 0x803) {
      throw new IOException(source + ": magic number " + Integer.toHexString(magic) + " is not an IDX image file's"
          + " 803");
    }
    int total = in.readInt();
    int rows = in.readInt();
    int cols = in.readInt();
    if (rows != 28 || cols != 28) {
      throw new IOException(source + ": images are " + rows + "x" + cols + ", expected 28x28");
    }
    int n = Math.max(0, Math.min(count, total - from));
    in.skipNBytes((long) from * rows * cols);
    byte[] bytes = new byte[n * rows * cols];
    in.readFully(bytes);
    float[] pixels = new float[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      pixels[i] = (bytes[i] & 0xFF) / 255f;
    }
    return Dataset.of(pixels, Shape.of(1, rows, cols), null);
  }
}
