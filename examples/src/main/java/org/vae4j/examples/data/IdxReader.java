package org.vae4j.examples.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian magic number {@code 0x000008NN} (type
 * 0x08 = unsigned byte, NN dimensions), NN big-endian 32-bit sizes, then the bytes. Images have 3 dimensions
 * (count, rows, cols), labels 1 (count).
 *
 * <p>Files may be gzip-compressed or not; this is told by the gzip magic bytes {@code 1f 8b}, never by the
 * file name. Every failure is a {@link DatasetException} whose one-line message names the file, the value
 * found, and the fix. Stateless and thread-safe.
 */
public final class IdxReader {
  /** Magic number of an IDX file of unsigned-byte images (3 dimensions). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of an IDX file of unsigned-byte labels (1 dimension). */
  public static final int LABELS_MAGIC = 0x00000801;

  private static final int BUFFER = 1 << 16;

  /** Opens a stream on the raw (possibly gzip-compressed) bytes of an IDX file. */
  @FunctionalInterface
  public interface Opener {
    /** A new stream; the reader closes it. */
    InputStream open() throws IOException;
  }

  private IdxReader() {
  }

  /** Reads an image file. */
  public static IdxImages readImages(Path file) {
    return readImages(openFile(file), file.toString());
  }

  /** Reads a label file. */
  public static IdxLabels readLabels(Path file) {
    return readLabels(openFile(file), file.toString());
  }

  /**
   * Reads an image file from a stream.
   *
   * @param source the file's name in messages
   */
  public static IdxImages readImages(Opener opener, String source) {
    try (InputStream in = decompressed(opener.open())) {
      int[] dims = header(in, source, IMAGES_MAGIC, "images");
      long bytes = (long) dims[0] * dims[1] * dims[2];
      if (bytes > Integer.MAX_VALUE - 8) {
        throw new DatasetException(source + ": " + dims[0] + " images of " + dims[1] + "x" + dims[2]
            + " are " + bytes + " bytes, more than one Java array holds; split the file");
      }
      byte[] pixels = readFully(in, (int) bytes, source, "image data");
      checkEnd(in);
      return new IdxImages(source, dims[0], dims[1], dims[2], pixels);
    } catch (IOException e) {
      throw unreadable(source, e);
    }
  }

  /**
   * Reads a label file from a stream.
   *
   * @param source the file's name in messages
   */
  public static IdxLabels readLabels(Opener opener, String source) {
    try (InputStream in = decompressed(opener.open())) {
      int[] dims = header(in, source, LABELS_MAGIC, "labels");
      byte[] raw = readFully(in, dims[0], source, "label data");
      checkEnd(in);
      int[] labels = new int[raw.length];
      for (int i = 0; i < raw.length; i++) {
        labels[i] = Byte.toUnsignedInt(raw[i]);
      }
      return new IdxLabels(source, labels);
    } catch (IOException e) {
      throw unreadable(source, e);
    }
  }

  private static Opener openFile(Path file) {
    return () -> {
      if (Files.isDirectory(file)) {
        throw new DatasetException(file + " is a directory, expected an IDX file such as "
            + "train-images-idx3-ubyte.gz; give the path of the file");
      }
      try {
        return Files.newInputStream(file);
      } catch (NoSuchFileException e) {
        throw new DatasetException("IDX file " + file + " not found; check the path", e);
      }
    };
  }

  /** The stream's bytes, gunzipped when they start with the gzip magic {@code 1f 8b}. */
  static InputStream decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, BUFFER) : in;
  }

  /** Checks the magic number and returns the sizes of the dimensions it announces. */
  private static int[] header(InputStream in, String source, int expectedMagic, String what) throws IOException {
    int magic = readInt(in, source, "magic number");
    if (magic != expectedMagic) {
      String found = magic == IMAGES_MAGIC ? " (an image file)" : magic == LABELS_MAGIC ? " (a label file)" : "";
      throw new DatasetException(String.format(
          "%s: magic number 0x%08X%s, expected 0x%08X for IDX %s; give an MNIST-layout %s file",
          source, magic, found, expectedMagic, what, what));
    }
    int[] dims = new int[expectedMagic & 0xff];
    for (int d = 0; d < dims.length; d++) {
      dims[d] = readInt(in, source, "size of dimension " + d);
      if (dims[d] < 0) {
        throw new DatasetException(source + ": size of dimension " + d + " is " + dims[d]
            + ", must be >= 0; the file is damaged, download it again");
      }
    }
    return dims;
  }

  /** Reads one byte past the data, which makes a gzip stream check its CRC and length; extra bytes are ignored. */
  private static void checkEnd(InputStream in) throws IOException {
    in.read();
  }

  private static int readInt(InputStream in, String source, String what) throws IOException {
    byte[] b = readFully(in, 4, source, what);
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }

  /** Reads exactly {@code n} bytes or says how many there were. */
  private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
    byte[] out = new byte[n];
    int done = 0;
    try {
      while (done < n) {
        int r = in.read(out, done, n - done);
        if (r < 0) {
          break;
        }
        done += r;
      }
    } catch (EOFException e) {
      // a gzip stream that ends early: report it like a short plain file
    }
    if (done < n) {
      throw new DatasetException(source + ": truncated " + what + ": expected " + n + " bytes, found " + done
          + "; the file is incomplete, download it again");
    }
    return out;
  }

  private static DatasetException unreadable(String source, IOException e) {
    return new DatasetException(source + ": cannot read: " + e.getMessage()
        + "; the file is damaged or unreadable, check it or download it again", e);
  }
}
