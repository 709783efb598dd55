package org.vae4j.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests (also of other modules, through the test-jar). */
public final class IdxFiles {
  private IdxFiles() {
  }

  /** The bytes of an IDX image file with the given header values and pixels (not checked). */
  public static byte[] images(int count, int rows, int cols, byte[] pixels) {
    return ByteBuffer.allocate(16 + pixels.length).putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows)
        .putInt(cols).put(pixels).array();
  }

  /** The bytes of an IDX label file. */
  public static byte[] labels(int... labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length).putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
    for (int l : labels) {
      b.put((byte) l);
    }
    return b.array();
  }

  /** {@code count} images of {@code rows x cols} whose pixel {@code j} of image {@code i} is {@code (i * 7 + j) % 256}. */
  public static byte[] patternImages(int count, int rows, int cols) {
    byte[] p = new byte[count * rows * cols];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < rows * cols; j++) {
        p[i * rows * cols + j] = (byte) ((i * 7 + j) % 256);
      }
    }
    return images(count, rows, cols, p);
  }

  public static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static Path write(Path file, byte[] bytes) {
    try {
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
