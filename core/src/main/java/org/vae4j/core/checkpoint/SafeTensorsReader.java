package org.vae4j.core.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;

/**
 * Reads and validates safetensors files. Reading only opens the file for reading: it never changes,
 * renames or deletes anything. Every structural problem (truncation, a header length beyond the file,
 * malformed JSON, an unknown dtype, offsets out of range, overlapping or leaving holes, a byte count that
 * does not match dtype and shape) is refused with a {@link CheckpointException} naming the file, the tensor
 * and the numbers involved.
 *
 * <p>Files written by vae4j carry a CRC32C per tensor in their metadata ({@code vae4j.crc32c.<name>}); each is
 * checked, and a tensor whose bytes changed since they were written is refused, naming the tensor. Those
 * entries are not part of the metadata returned. A vae4j file without them (written before vae4j stored
 * checksums) is read with one logged warning per file and process; files of other writers have none and are
 * read silently.
 */
public final class SafeTensorsReader {
  private static final Logger LOG = LoggerFactory.getLogger(SafeTensorsReader.class);
  private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

  private SafeTensorsReader() {
  }

  /** Reads {@code file} whole. */
  public static SafeTensorsContent read(Path file) throws IOException {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > Integer.MAX_VALUE - 8) {
        throw new CheckpointException(file, size + " bytes is more than the 2 GiB vae4j reads in one file");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CheckpointException(file, "no such file", e);
    }
    return parse(file, bytes);
  }

  /** Parses the bytes of a file; {@code file} only names it in errors. */
  static SafeTensorsContent parse(Path file, byte[] bytes) throws CheckpointException {
    if (bytes.length < 8) {
      throw new CheckpointException(file, "truncated: " + bytes.length + " bytes, fewer than the 8-byte header"
          + " length that starts a safetensors file");
    }
    long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength < 2 || headerLength > SafeTensorsFormat.MAX_HEADER_BYTES) {
      throw new CheckpointException(file, "header length " + Long.toUnsignedString(headerLength)
          + " is not between 2 and " + SafeTensorsFormat.MAX_HEADER_BYTES + " bytes: not a safetensors file");
    }
    if (headerLength > bytes.length - 8L) {
      throw new CheckpointException(file, "truncated: header length " + headerLength + " goes beyond the file"
          + " size of " + bytes.length + " bytes");
    }
    String json = decodeUtf8(file, bytes, (int) headerLength);
    int dataStart = 8 + (int) headerLength;
    long dataLength = bytes.length - (long) dataStart;
    Map<String, String> metadata = new LinkedHashMap<>();
    Map<String, Entry> entries = parseHeader(file, json, metadata);
    checkLayout(file, entries, dataLength);
    Map<String, HostTensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry en = e.getValue();
      byte[] data = Arrays.copyOfRange(bytes, dataStart + (int) en.begin, dataStart + (int) en.end);
      tensors.put(e.getKey(), new HostTensor(en.dtype, en.shape, data));
    }
    return new SafeTensorsContent(tensors, verifyChecksums(file, tensors, metadata));
  }

  /** Checks every tensor against its recorded CRC32C; returns the metadata without the checksum entries. */
  private static Map<String, String> verifyChecksums(Path file, Map<String, HostTensor> tensors,
      Map<String, String> metadata) throws CheckpointException {
    Map<String, String> rest = new LinkedHashMap<>();
    Map<String, String> sums = new LinkedHashMap<>();
    metadata.forEach((k, v) -> {
      if (k.startsWith(SafeTensorsFormat.CHECKSUM_PREFIX)) {
        sums.put(k.substring(SafeTensorsFormat.CHECKSUM_PREFIX.length()), v);
      } else {
        rest.put(k, v);
      }
    });
    if (sums.isEmpty()) {
      if (rest.containsKey(SafeTensorsFormat.VERSION_KEY) && !tensors.isEmpty() && file != null
          && WARNED.add(file.toAbsolutePath().normalize())) {
        LOG.warn("checkpoint {} has no checksums (it was written before vae4j stored them): its tensor"
            + " data cannot be verified; it is read as it is, and saving it again adds them", file);
      }
      return rest;
    }
    for (String name : sums.keySet()) {
      if (!tensors.containsKey(name)) {
        throw new CheckpointException(file, "corrupt: metadata has a checksum for tensor '" + name + "', which the"
            + " header does not list");
      }
    }
    for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
      String stored = sums.get(e.getKey());
      String computed = SafeTensorsFormat.formatChecksum(e.getValue().crc32c());
      if (stored == null) {
        throw new CheckpointException(file, "corrupt: tensor '" + e.getKey() + "' has no checksum though the file"
            + " records one for the others; the header was edited or damaged");
      }
      if (!stored.equals(computed)) {
        throw new CheckpointException(file, "corrupt: the data of tensor '" + e.getKey() + "' fails its CRC32C"
            + " check (recorded " + stored + ", computed " + computed + "): the file changed after it was"
            + " written");
      }
    }
    return rest;
  }

  private record Entry(String name, DType dtype, Shape shape, long begin, long end) {
  }

  private static String decodeUtf8(Path file, byte[] bytes, int length) throws CheckpointException {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 8, length)).toString();
    } catch (CharacterCodingException e) {
      throw new CheckpointException(file, "header is not valid UTF-8", e);
    }
  }

  private static Map<String, Entry> parseHeader(Path file, String json, Map<String, String> metadata)
      throws CheckpointException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    try (JsonReader reader = new JsonReader(new StringReader(json))) {
      reader.setStrictness(Strictness.STRICT);
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        throw new CheckpointException(file, "header is not a JSON object");
      }
      reader.beginObject();
      boolean seenMetadata = false;
      while (reader.hasNext()) {
        String name = reader.nextName();
        JsonElement value = JsonParser.parseReader(reader);
        if (name.equals(SafeTensorsFormat.METADATA_KEY)) {
          if (seenMetadata) {
            throw new CheckpointException(file, "header has two " + SafeTensorsFormat.METADATA_KEY + " entries");
          }
          seenMetadata = true;
          readMetadata(file, value, metadata);
        } else {
          if (entries.containsKey(name)) {
            throw new CheckpointException(file, "header names tensor '" + name + "' twice");
          }
          entries.put(name, readEntry(file, name, value));
        }
      }
      reader.endObject();
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new CheckpointException(file, "header has content after its JSON object");
      }
    } catch (IOException | JsonParseException | IllegalStateException e) {
      if (e instanceof CheckpointException ce) {
        throw ce;
      }
      throw new CheckpointException(file, "header is not valid JSON: " + e.getMessage(), e);
    }
    return entries;
  }

  private static void readMetadata(Path file, JsonElement value, Map<String, String> out) throws CheckpointException {
    if (!value.isJsonObject()) {
      throw new CheckpointException(file, SafeTensorsFormat.METADATA_KEY + " is not a JSON object");
    }
    for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
      JsonElement v = e.getValue();
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
        throw new CheckpointException(file, "metadata '" + e.getKey() + "' is " + v + ", not a string");
      }
      out.put(e.getKey(), v.getAsString());
    }
  }

  private static Entry readEntry(Path file, String name, JsonElement value) throws CheckpointException {
    if (!value.isJsonObject()) {
      throw new CheckpointException(file, "tensor '" + name + "': header entry " + value + " is not an object");
    }
    JsonObject o = value.getAsJsonObject();
    JsonElement code = o.get("dtype");
    if (code == null || !code.isJsonPrimitive() || !code.getAsJsonPrimitive().isString()) {
      throw new CheckpointException(file, "tensor '" + name + "': missing or non-string dtype");
    }
    DType dtype = SafeTensorsFormat.dtype(code.getAsString());
    if (dtype == null) {
      throw new CheckpointException(file, "tensor '" + name + "': unknown dtype '" + code.getAsString()
          + "'; vae4j reads F32, F64 and I32 (convert the tensor before saving)");
    }
    long[] dims = integers(file, name, "shape", o.get("shape"), -1);
    long[] offsets = integers(file, name, "data_offsets", o.get("data_offsets"), 2);
    int[] shape = new int[dims.length];
    long elements = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] > Integer.MAX_VALUE) {
        throw new CheckpointException(file, "tensor '" + name + "': axis size " + dims[i] + " is too large");
      }
      shape[i] = (int) dims[i];
      elements = Math.multiplyHigh(elements, dims[i]) != 0 ? Long.MAX_VALUE : elements * dims[i];
    }
    if (offsets[1] < offsets[0]) {
      throw new CheckpointException(file, "tensor '" + name + "': data_offsets [" + offsets[0] + ", " + offsets[1]
          + "] end before they begin");
    }
    long length = offsets[1] - offsets[0];
    if (elements > Long.MAX_VALUE / 8 || length != elements * dtype.byteSize()) {
      throw new CheckpointException(file, "tensor '" + name + "': data_offsets [" + offsets[0] + ", " + offsets[1]
          + "] hold " + length + " bytes but " + code.getAsString() + " " + Arrays.toString(dims) + " needs "
          + (elements > Long.MAX_VALUE / 8 ? "more than 2^60" : String.valueOf(elements * dtype.byteSize())));
    }
    return new Entry(name, dtype, Shape.of(shape), offsets[0], offsets[1]);
  }

  /** A JSON array of non-negative integers, of {@code length} elements unless it is -1. */
  private static long[] integers(Path file, String name, String field, JsonElement value, int length)
      throws CheckpointException {
    if (value == null || !value.isJsonArray() || (length >= 0 && value.getAsJsonArray().size() != length)) {
      throw new CheckpointException(file, "tensor '" + name + "': " + field + " is " + value + ", not an array of "
          + (length >= 0 ? length + " " : "") + "non-negative integers");
    }
    long[] out = new long[value.getAsJsonArray().size()];
    for (int i = 0; i < out.length; i++) {
      JsonElement e = value.getAsJsonArray().get(i);
      BigDecimal d = e.isJsonPrimitive() && ((JsonPrimitive) e).isNumber() ? e.getAsBigDecimal() : null;
      if (d == null || d.signum() < 0 || d.stripTrailingZeros().scale() > 0
          || d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
        throw new CheckpointException(file, "tensor '" + name + "': " + field + " is " + value + ", not an array of"
            + " non-negative integers");
      }
      out[i] = d.longValueExact();
    }
    return out;
  }

  /** Offsets must tile the data area exactly: inside it, not overlapping, without holes. */
  private static void checkLayout(Path file, Map<String, Entry> entries, long dataLength) throws CheckpointException {
    List<Entry> sorted = new ArrayList<>(entries.values());
    sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    for (Entry e : sorted) {
      if (e.end > dataLength) {
        throw new CheckpointException(file, "truncated or corrupt: tensor '" + e.name + "' has data_offsets ["
            + e.begin + ", " + e.end + "] beyond the " + dataLength + " data bytes after the header");
      }
    }
    long expected = 0;
    Entry previous = null;
    for (Entry e : sorted) {
      if (e.begin < expected) {
        throw new CheckpointException(file, "corrupt: tensors '" + previous.name + "' [" + previous.begin + ", "
            + previous.end + "] and '" + e.name + "' [" + e.begin + ", " + e.end + "] overlap");
      }
      if (e.begin > expected) {
        throw new CheckpointException(file, "corrupt: no tensor covers data bytes [" + expected + ", " + e.begin
            + ")");
      }
      expected = e.end;
      previous = e;
    }
    if (expected != dataLength) {
      throw new CheckpointException(file, "corrupt: the tensors cover " + expected + " data bytes but the file has "
          + dataLength + " after the header");
    }
  }
}
