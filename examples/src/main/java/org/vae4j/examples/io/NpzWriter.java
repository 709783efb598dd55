package org.vae4j.examples.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes NumPy's {@code .npz} archive: a zip of {@code .npy} files (format version 1.0: the magic
 * {@code \x93NUMPY}, a header dict {@code {'descr', 'fortran_order', 'shape'}} padded to 64 bytes, then the
 * values in C order, little-endian). {@code numpy.load(path)} opens it as a dict of arrays. Chosen over Parquet
 * because the format takes a page to write, needs no dependency (Parquet's Java writer brings Hadoop), and is
 * what a Python user loads latent codes into anyway. A builder; not thread-safe.
 */
public final class NpzWriter {
  private final Map<String, byte[]> arrays = new LinkedHashMap<>();

  /** Adds a float32 array {@code name} of {@code shape} (C order). */
  public NpzWriter floats(String name, float[] values, int... shape) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return add(name, "<f4", values.length, b.array(), shape);
  }

  /** Adds an int32 array {@code name} of {@code shape} (C order). */
  public NpzWriter ints(String name, int[] values, int... shape) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(values);
    return add(name, "<i4", values.length, b.array(), shape);
  }

  /** Writes the archive to {@code out}, which it does not close. */
  public void writeTo(OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
      zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
      zip.write(e.getValue());
      zip.closeEntry();
    }
    zip.finish();
  }

  private NpzWriter add(String name, String descr, int count, byte[] data, int[] shape) {
    if (Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) != count) {
      throw new IllegalArgumentException("npz: array '" + name + "' has " + count + " values, not the "
          + Arrays.toString(shape) + " its shape needs");
    }
    String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': ("
        + dims + (shape.length == 1 ? "," : "") + "), }");
    while ((10 + header.length() + 1) % 64 != 0) {
      header.append(' ');
    }
    header.append('\n');
    byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer npy = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    npy.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
        .putShort((short) h.length).put(h).put(data);
    arrays.put(name, npy.array());
    return this;
  }
}
