package org.vae4j.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.Shape;

/**
 * Every tensor's CRC32C travels in the header's metadata and is verified on reading, so a flipped bit in the
 * data is refused naming the tensor; files written before checksums existed still load, with one warning.
 */
class SafeTensorsChecksumTest {
  @TempDir
  Path dir;

  private static Map<String, HostTensor> tensors() {
    Map<String, HostTensor> t = new LinkedHashMap<>();
    t.put("encoder.weight", HostTensor.ofFloats(new float[] {1, 2, 3, 4}, Shape.of(2, 2)));
    t.put("order", HostTensor.ofInts(new int[] {2, 0, 1}, Shape.of(3)));
    return t;
  }

  private static String crc(byte[] bytes) {
    CRC32C c = new CRC32C();
    c.update(bytes);
    return String.format("%08x", c.getValue());
  }

  @Test
  void everyTensorsChecksumIsWrittenAndTheMetadataReadBackIsTheCallers() throws IOException {
    Path file = dir.resolve("sums.safetensors");
    SafeTensorsWriter.write(file, tensors(), Map.of("note", "hi", "vae4j.crc32c.stale", "00000000"));
    byte[] bytes = Files.readAllBytes(file);
    String header = new String(bytes, 8, (int) SafeTensorsFiles.u64(bytes, 0), StandardCharsets.UTF_8);
    var metadata = JsonParser.parseString(header).getAsJsonObject().getAsJsonObject("__metadata__");
    assertThat(metadata.keySet()).containsExactlyInAnyOrder("note", "vae4j.crc32c.encoder.weight",
        "vae4j.crc32c.order");
    assertThat(metadata.get("vae4j.crc32c.encoder.weight").getAsString())
        .isEqualTo(crc(tensors().get("encoder.weight").bytes()));
    SafeTensorsContent read = SafeTensorsReader.read(file);
    assertThat(read.metadata()).containsExactly(Map.entry("note", "hi"));
    assertThat(read.tensors()).isEqualTo(tensors());
  }

  @Test
  void aFlippedBitInTheDataIsRefusedNamingTheTensor() throws IOException {
    Path file = dir.resolve("flipped.safetensors");
    SafeTensorsWriter.write(file, tensors(), Map.of());
    byte[] bytes = Files.readAllBytes(file);
    int data = 8 + (int) SafeTensorsFiles.u64(bytes, 0);
    byte[] original = tensors().get("encoder.weight").bytes();
    bytes[data + 5] ^= 0x10;
    Files.write(file, bytes);
    byte[] damaged = original.clone();
    damaged[5] ^= 0x10;
    assertThatThrownBy(() -> SafeTensorsReader.read(file))
        .isInstanceOf(CheckpointException.class)
        .hasMessage("checkpoint " + file + ": corrupt: the data of tensor 'encoder.weight' fails its CRC32C check"
            + " (recorded " + crc(original) + ", computed " + crc(damaged) + "): the file changed after it was"
            + " written");
  }

  @Test
  void aHeaderWhoseChecksumsDoNotMatchItsTensorsIsRefused() throws IOException {
    byte[] data = SafeTensorsFiles.floats(1, 2);
    String w = "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
    Path ghost = SafeTensorsFiles.write(dir.resolve("ghost.safetensors"), "{\"__metadata__\":{\"vae4j.crc32c.w\":\""
        + crc(data) + "\",\"vae4j.crc32c.v\":\"00000000\"}," + w + "}", data);
    assertThatThrownBy(() -> SafeTensorsReader.read(ghost)).isInstanceOf(CheckpointException.class)
        .hasMessage("checkpoint " + ghost + ": corrupt: metadata has a checksum for tensor 'v', which the header does"
            + " not list");
    Path missing = SafeTensorsFiles.write(dir.resolve("missing.safetensors"), "{\"__metadata__\":{"
        + "\"vae4j.crc32c.v\":\"" + crc(data) + "\"}," + w + ",\"v\":{\"dtype\":\"F32\",\"shape\":[2],"
        + "\"data_offsets\":[8,16]}}", concat(data, data));
    assertThatThrownBy(() -> SafeTensorsReader.read(missing)).isInstanceOf(CheckpointException.class)
        .hasMessage("checkpoint " + missing + ": corrupt: tensor 'w' has no checksum though the file records one"
            + " for the others; the header was edited or damaged");
  }

  @Test
  void aVae4jFileWithoutChecksumsLoadsWithOneWarningAndAForeignOneSilently() throws IOException {
    String w = "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
    Path old = SafeTensorsFiles.write(dir.resolve("old.safetensors"),
        "{\"__metadata__\":{\"vae4j.version\":\"0.1.0-SNAPSHOT\"}," + w + "}", SafeTensorsFiles.floats(1, 2));
    Path torch = SafeTensorsFiles.write(dir.resolve("torch.safetensors"),
        "{\"__metadata__\":{\"format\":\"pt\"}," + w + "}", SafeTensorsFiles.floats(1, 2));
    String log = capturingStandardError(() -> {
      for (int i = 0; i < 2; i++) {
        assertThat(SafeTensorsReader.read(old).tensors().get("w").toFloatArray()).containsExactly(1, 2);
        assertThat(SafeTensorsReader.read(torch).tensors().get("w").toFloatArray()).containsExactly(1, 2);
      }
    });
    String warning = "WARN org.vae4j.core.checkpoint.SafeTensorsReader - checkpoint " + old + " has no checksums (it"
        + " was written before vae4j stored them): its tensor data cannot be verified; it is read as it is, and"
        + " saving it again adds them";
    assertThat(log).contains(warning);
    assertThat(log.split(java.util.regex.Pattern.quote(warning), -1)).as("warnings for two reads").hasSize(2);
    assertThat(log).doesNotContain(torch.toString());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private interface Action {
    void run() throws IOException;
  }

  /** What {@code action} logged: slf4j-simple, the binding of core's tests, writes to the current stderr. */
  private static String capturingStandardError(Action action) throws IOException {
    PrintStream saved = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(saved);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
