package org.vae4j.core.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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

  /**
   * Reads an image file. An uncompressed file whose header announces more bytes than the file holds is
   * refused before any data is read.
   */
  public static IdxImages readImages(Path file) {
    return readImages(openFile(file), file.toString(), sizeOf(file));
  }

  /** Reads a label file, checking its header against the file's size as {@link #readImages(Path)} does. */
  public static IdxLabels readLabels(Path file) {
    return readLabels(openFile(file), file.toString(), sizeOf(file));
  }

  /**
   * Reads an image file from a stream. Memory grows with the data actually read, never with the counts a
   * header claims.
   *
   * @param source the file's name in messages
   */
  public static IdxImages readImages(Opener opener, String source) {
    return readImages(opener, source, -1);
  }

  /**
   * Reads a label file from a stream, with memory bounded as in {@link #readImages(Opener, String)}.
   *
   * @param source the file's name in messages
   */
  public static IdxLabels readLabels(Opener opener, String source) {
    return readLabels(opener, source, -1);
  }

  private static IdxImages readImages(Opener opener, String source, long fileBytes) {
    try (Decompressed d = decompressed(opener.open())) {
      InputStream in = d.stream();
      int[] dims = header(in, source, IMAGES_MAGIC, "images");
      long bytes = (long) dims[0] * dims[1] * dims[2];
      if (bytes > Integer.MAX_VALUE - 8) {
        throw new DatasetException(source + ": " + dims[0] + " images of " + dims[1] + "x" + dims[2]
            + " are " + bytes + " bytes, more than one Java array holds; split the file");
      }
      checkAgainstFileSize(d, fileBytes, 16, bytes, source, dims[0] + " images of " + dims[1] + "x" + dims[2]);
      byte[] pixels = readFully(in, (int) bytes, source, "image data");
      checkEnd(in);
      return new IdxImages(source, dims[0], dims[1], dims[2], pixels);
    } catch (IOException e) {
      throw unreadable(source, e);
    }
  }

  private static IdxLabels readLabels(Opener opener, String source, long fileBytes) {
    try (Decompressed d = decompressed(opener.open())) {
      InputStream in = d.stream();
      int[] dims = header(in, source, LABELS_MAGIC, "labels");
      checkAgainstFileSize(d, fileBytes, 8, dims[0], source, dims[0] + " labels");
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

  /** An IDX file's bytes, and whether they were gzip-compressed. */
  private record Decompressed(InputStream stream, boolean gzip) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      stream.close();
    }
  }

  /** The stream's bytes, gunzipped when they start with the gzip magic {@code 1f 8b}. */
  private static Decompressed decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    return new Decompressed(gzip ? new GZIPInputStream(in, BUFFER) : in, gzip);
  }

  /** The size of {@code file} in bytes, or -1 when it cannot be told (the open that follows reports why). */
  private static long sizeOf(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Refuses an uncompressed file of {@code fileBytes} whose header of {@code headerBytes} announces
   * {@code dataBytes} of data that cannot follow it: a damaged header must not make the reader allocate
   * what it claims.
   */
  private static void checkAgainstFileSize(Decompressed d, long fileBytes, int headerBytes, long dataBytes,
      String source, String claimed) {
    if (!d.gzip() && fileBytes >= 0 && dataBytes > fileBytes - headerBytes) {
      throw new DatasetException(source + ": the header announces " + claimed + " (" + dataBytes
          + " bytes) but the file holds " + Math.max(0, fileBytes - headerBytes) + " bytes after its "
          + headerBytes + "-byte header; the file is damaged or incomplete, download it again");
    }
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

  /**
   * Reads exactly {@code n} bytes or says how many there were. The buffer grows with the bytes read, so a
   * header that claims 2 GB over a short stream costs only the stream's size.
   */
  private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(n, BUFFER));
    byte[] chunk = new byte[BUFFER];
    try {
      while (out.size() < n) {
        int r = in.read(chunk, 0, Math.min(chunk.length, n - out.size()));
        if (r < 0) {
          break;
        }
        out.write(chunk, 0, r);
      }
    } catch (EOFException e) {
      // a gzip stream that ends early: report it like a short plain file
    }
    if (out.size() < n) {
      throw new DatasetException(source + ": truncated " + what + ": expected " + n + " bytes, found "
          + out.size() + "; the file is incomplete, download it again");
    }
    return out.toByteArray();
  }

  private static DatasetException unreadable(String source, IOException e) {
    return new DatasetException(source + ": cannot read: " + e.getMessage()
        + "; the file is damaged or unreadable, check it or download it again", e);
  }
}
