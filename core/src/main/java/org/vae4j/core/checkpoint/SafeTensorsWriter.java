package org.vae4j.core.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes safetensors files atomically: the bytes go to a temporary file in the target's directory, which
 * is forced to disk and then renamed over the target in one step. A crash leaves either the old file or
 * the complete new one, never a partial file under the target's name. The temporary file is created with
 * the process's default permissions (umask), like any other new file; a crash before the rename may leave
 * it behind as {@code .<name>.<uuid>.tmp}, never under the target's name.
 */
public final class SafeTensorsWriter {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private SafeTensorsWriter() {
  }

  /**
   * Writes {@code tensors} and {@code metadata} to {@code file}, replacing it atomically.
   *
   * <p>Tensors are laid out by decreasing element size (8-byte types first), then in the map's order, so
   * every tensor starts at an offset aligned to its element size, as the reference writer does. The
   * header is padded with spaces to a multiple of 8 bytes. The metadata gets one
   * {@code vae4j.crc32c.<name>} entry per tensor, the CRC32C of its bytes, which {@link SafeTensorsReader}
   * verifies; checksum entries already in {@code metadata} (from a file read earlier) are replaced.
   *
   * @throws IOException when the directory is not writable or the file system refuses an atomic rename;
   *                     the target is then unchanged and the temporary file removed
   */
  public static void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata)
      throws IOException {
    for (String name : tensors.keySet()) {
      if (name.equals(SafeTensorsFormat.METADATA_KEY) || name.isEmpty()) {
        throw new IllegalArgumentException("safetensors: tensor name '" + name + "' is reserved or empty");
      }
    }
    byte[] bytes = encode(tensors, metadata);
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("safetensors: cannot write " + target + " safely: the file system does not rename"
            + " atomically in " + dir + "; write checkpoints to a local directory", e);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    syncDirectory(dir);
  }

  /** The whole file's bytes. */
  static byte[] encode(Map<String, HostTensor> tensors, Map<String, String> metadata) {
    List<Map.Entry<String, HostTensor>> order = new ArrayList<>(tensors.entrySet());
    order.sort(Comparator.comparingInt((Map.Entry<String, HostTensor> e) -> -e.getValue().dtype().byteSize()));
    Map<String, String> meta = new LinkedHashMap<>();
    if (metadata != null) {
      metadata.forEach((k, v) -> {
        if (!k.startsWith(SafeTensorsFormat.CHECKSUM_PREFIX)) {
          meta.put(k, v);
        }
      });
    }
    for (Map.Entry<String, HostTensor> e : order) {
      meta.put(SafeTensorsFormat.CHECKSUM_PREFIX + e.getKey(), SafeTensorsFormat.formatChecksum(e.getValue().crc32c()));
    }
    Map<String, Object> header = new LinkedHashMap<>();
    if (!meta.isEmpty()) {
      header.put(SafeTensorsFormat.METADATA_KEY, meta);
    }
    long offset = 0;
    for (Map.Entry<String, HostTensor> e : order) {
      HostTensor t = e.getValue();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("dtype", SafeTensorsFormat.code(t.dtype()));
      entry.put("shape", t.shape().dims());
      entry.put("data_offsets", new long[] {offset, offset + t.byteCount()});
      header.put(e.getKey(), entry);
      offset += t.byteCount();
    }
    byte[] json = GSON.toJson(header).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    long total = 8L + padded + offset;
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("safetensors: " + total + " bytes do not fit one file buffer (2 GiB)");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded);
    out.put(json);
    for (int i = json.length; i < padded; i++) {
      out.put((byte) ' ');
    }
    for (Map.Entry<String, HostTensor> e : order) {
      e.getValue().copyBytesTo(out);
    }
    return out.array();
  }

  /** Makes the rename durable where the platform allows opening a directory; elsewhere a no-op. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms (Windows) cannot open directories; the rename itself is still atomic there.
    }
  }
}
