package org.vae4j.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.Shape;

/**
 * Truncated and corrupt files are refused with a {@link CheckpointException} naming the file and the
 * problem, and reading never changes them.
 */
class SafeTensorsRefusalTest {
  private static final String W = "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

  @TempDir
  Path dir;

  @Test
  void refusesAFileShorterThanTheLengthField() throws IOException {
    Path file = Files.write(dir.resolve("short.safetensors"), new byte[] {1, 2, 3, 4, 5});
    assertRefused(file, "truncated: 5 bytes, fewer than the 8-byte header length");
  }

  @Test
  void refusesAHeaderLengthBeyondTheFile() throws IOException {
    Path file = validFile("cut-header.safetensors");
    byte[] bytes = Files.readAllBytes(file);
    long n = SafeTensorsFiles.u64(bytes, 0);
    Files.write(file, Arrays.copyOf(bytes, 8 + (int) n / 2));
    assertRefused(file, "truncated: header length " + n + " goes beyond the file size of " + (8 + n / 2) + " bytes");
  }

  @Test
  void refusesAFileCutInItsData() throws IOException {
    Path file = validFile("cut-data.safetensors");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
    assertRefused(file, "truncated or corrupt: tensor 'w' has data_offsets [0, 8] beyond the 4 data bytes");
  }

  @Test
  void refusesAnImplausibleHeaderLength() throws IOException {
    byte[] bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
    Path file = Files.write(dir.resolve("huge.safetensors"), bytes);
    assertRefused(file, "header length 1099511627776 is not between 2 and");
  }

  @Test
  void refusesMalformedJson() throws IOException {
    Path file = SafeTensorsFiles.write(dir.resolve("json.safetensors"), "{" + W + ",}", new byte[8]);
    assertRefused(file, "header is not valid JSON");
    Path notObject = SafeTensorsFiles.write(dir.resolve("array.safetensors"), "[1, 2]", new byte[0]);
    assertRefused(notObject, "header is not a JSON object");
  }

  @Test
  void refusesAnUnknownDtype() throws IOException {
    Path file = SafeTensorsFiles.write(dir.resolve("bf16.safetensors"),
        "{\"w\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]);
    assertRefused(file, "tensor 'w': unknown dtype 'BF16'; vae4j reads F32, F64 and I32");
  }

  @Test
  void refusesOffsetsOutOfRange() throws IOException {
    Path file = SafeTensorsFiles.write(dir.resolve("range.safetensors"),
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[8]);
    assertRefused(file, "tensor 'w' has data_offsets [0, 16] beyond the 8 data bytes after the header");
  }

  @Test
  void refusesOverlappingTensors() throws IOException {
    Path file = SafeTensorsFiles.write(dir.resolve("overlap.safetensors"),
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]);
    assertRefused(file, "tensors 'a' [0, 8] and 'b' [4, 12] overlap");
  }

  @Test
  void refusesHolesAndTrailingBytes() throws IOException {
    Path hole = SafeTensorsFiles.write(dir.resolve("hole.safetensors"),
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", new byte[12]);
    assertRefused(hole, "no tensor covers data bytes [4, 8)");
    Path trailing = SafeTensorsFiles.write(dir.resolve("trailing.safetensors"), "{" + W + "}", new byte[12]);
    assertRefused(trailing, "the tensors cover 8 data bytes but the file has 12 after the header");
  }

  @Test
  void refusesADataLengthThatDoesNotMatchDtypeAndShape() throws IOException {
    Path file = SafeTensorsFiles.write(dir.resolve("length.safetensors"),
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
    assertRefused(file, "tensor 'w': data_offsets [0, 8] hold 8 bytes but F32 [3] needs 12");
  }

  @Test
  void refusesBadFieldsAndMetadata() throws IOException {
    Path negative = SafeTensorsFiles.write(dir.resolve("negative.safetensors"),
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", new byte[8]);
    assertRefused(negative, "tensor 'w': shape is [-2], not an array of non-negative integers");
    Path meta = SafeTensorsFiles.write(dir.resolve("meta.safetensors"),
        "{\"__metadata__\":{\"step\":3}," + W + "}", new byte[8]);
    assertRefused(meta, "metadata 'step' is 3, not a string");
    Path twice = SafeTensorsFiles.write(dir.resolve("twice.safetensors"), "{" + W + "," + W + "}", new byte[8]);
    assertRefused(twice, "header names tensor 'w' twice");
  }

  @Test
  void refusesMalformedVae4jMetadata() throws IOException {
    Path file = SafeTensorsFiles.write(dir.resolve("step.safetensors"),
        "{\"__metadata__\":{\"vae4j.step\":\"three\"}," + W + "}", new byte[8]);
    assertThatThrownBy(() -> Checkpoint.read(file)).isInstanceOf(CheckpointException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("metadata vae4j.step = 'three' is not a valid count");
    Path random = SafeTensorsFiles.write(dir.resolve("random.safetensors"),
        "{\"__metadata__\":{\"vae4j.random_state\":\"1,2\"}," + W + "}", new byte[8]);
    assertThatThrownBy(() -> Checkpoint.read(random)).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("vae4j.random_state = '1,2' is not three comma-separated integers");
  }

  @Test
  void namesAMissingFile() {
    Path file = dir.resolve("absent.safetensors");
    assertThatThrownBy(() -> Checkpoint.read(file)).isInstanceOf(CheckpointException.class)
        .hasMessage("checkpoint " + file + ": no such file");
    assertThat(Files.exists(file)).isFalse();
  }

  private Path validFile(String name) throws IOException {
    Path file = dir.resolve(name);
    SafeTensorsWriter.write(file, Map.of("w", HostTensor.ofFloats(new float[] {1, 2}, Shape.of(2))), Map.of());
    return file;
  }

  /** Reading fails with a message naming the file and {@code problem}; the file's bytes and time stay. */
  private static void assertRefused(Path file, String problem) throws IOException {
    byte[] before = Files.readAllBytes(file);
    FileTime modified = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, modified);
    assertThatThrownBy(() -> Checkpoint.read(file))
        .isInstanceOf(CheckpointException.class)
        .hasMessageStartingWith("checkpoint " + file + ": ")
        .hasMessageContaining(problem);
    assertThat(Files.readAllBytes(file)).as("bytes of %s after the failed read", file).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
    try (var files = Files.list(file.getParent())) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }
}
