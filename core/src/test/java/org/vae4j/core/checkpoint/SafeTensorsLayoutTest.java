package org.vae4j.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;

/** The bytes vae4j writes, read back by hand, and files written by hand, read by vae4j. */
class SafeTensorsLayoutTest {
  @TempDir
  Path dir;

  @Test
  void writesTheSafetensorsLayout() throws IOException {
    Map<String, HostTensor> tensors = new LinkedHashMap<>();
    tensors.put("b", HostTensor.ofInts(new int[] {7, -1}, Shape.of(2)));
    tensors.put("a", HostTensor.ofFloats(new float[] {1.5f, -2.0f}, Shape.of(2)));
    tensors.put("d", new HostTensor(DType.FLOAT64, Shape.scalar(),
        new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xD0, 0x3F}));
    Path file = dir.resolve("layout.safetensors");
    SafeTensorsWriter.write(file, tensors, Map.of("format", "pt"));

    byte[] bytes = Files.readAllBytes(file);
    long n = SafeTensorsFiles.u64(bytes, 0);
    assertThat(n % 8).as("header length padded to 8 bytes").isZero();
    assertThat(bytes.length).isEqualTo(8 + n + 8 + 8 + 8);
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertThat(header).startsWith("{").endsWith(" ".repeat((int) (n - header.strip().length())));
    JsonObject json = JsonParser.parseString(header).getAsJsonObject();
    assertThat(json.getAsJsonObject("__metadata__").get("format").getAsString()).isEqualTo("pt");
    assertThat(json.getAsJsonObject("d").toString()).isEqualTo("{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}");
    assertThat(json.getAsJsonObject("b").toString()).isEqualTo("{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[8,16]}");
    assertThat(json.getAsJsonObject("a").toString()).isEqualTo("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}");
    int data = 8 + (int) n;
    assertThat(Arrays.copyOfRange(bytes, data, data + 24)).containsExactly(
        0, 0, 0, 0, 0, 0, 0xD0, 0x3F,                       // 0.25 as a little-endian double
        7, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF,                 // 7, -1: 4-byte types keep their map order
        0, 0, 0xC0, 0x3F, 0, 0, 0, 0xC0);                   // 1.5f, -2.0f
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no temporary file left behind").containsExactly(file);
    }
  }

  @Test
  void readsAFileWrittenByHand() throws IOException {
    Path file = SafeTensorsFiles.write(dir.resolve("hand.safetensors"),
        "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}  ",
        SafeTensorsFiles.floats(1, 2, 3, -0.5f));
    SafeTensorsContent c = SafeTensorsReader.read(file);
    assertThat(c.metadata()).containsExactly(Map.entry("format", "pt"));
    assertThat(c.tensors().get("w").shape()).isEqualTo(Shape.of(2, 2));
    assertThat(c.tensors().get("w").toFloatArray()).containsExactly(1, 2, 3, -0.5f);
  }

  @Test
  void roundTripsSpecialValuesBitForBit() throws IOException {
    float[] f = {Float.intBitsToFloat(0x7fc00001), -0.0f, Float.MIN_VALUE, Float.NEGATIVE_INFINITY, 3.25f};
    Map<String, HostTensor> tensors = new LinkedHashMap<>();
    tensors.put("f", HostTensor.ofFloats(f, Shape.of(5)));
    tensors.put("empty", HostTensor.ofFloats(new float[0], Shape.of(0, 3)));
    tensors.put("i", HostTensor.ofInts(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, Shape.of(1, 2)));
    Path file = dir.resolve("special.safetensors");
    SafeTensorsWriter.write(file, tensors, Map.of());
    SafeTensorsContent c = SafeTensorsReader.read(file);
    assertThat(c.tensors()).isEqualTo(tensors);
    int[] bits = new int[f.length];
    float[] back = c.tensors().get("f").toFloatArray();
    for (int k = 0; k < f.length; k++) {
      bits[k] = Float.floatToRawIntBits(back[k]);
    }
    assertThat(bits[0]).isEqualTo(0x7fc00001);
    assertThat(bits[1]).isEqualTo(0x80000000);
  }

  @Test
  void replacesAnExistingFileWholeAndLeavesItWhenTheRenameFails() throws IOException {
    Path file = dir.resolve("ckpt.safetensors");
    SafeTensorsWriter.write(file, Map.of("x", HostTensor.ofFloats(new float[] {1, 2, 3}, Shape.of(3))), Map.of());
    SafeTensorsWriter.write(file, Map.of("y", HostTensor.ofFloats(new float[] {4}, Shape.of(1))), Map.of());
    assertThat(SafeTensorsReader.read(file).tensors()).containsOnlyKeys("y");

    Path blocked = Files.createDirectories(dir.resolve("blocked.safetensors"));
    Files.writeString(blocked.resolve("keep.txt"), "in the way");
    assertThatThrownBy(() -> SafeTensorsWriter.write(blocked,
        Map.of("x", HostTensor.ofFloats(new float[] {1}, Shape.of(1))), Map.of()))
        .isInstanceOf(IOException.class);
    assertThat(Files.readString(blocked.resolve("keep.txt"))).isEqualTo("in the way");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("the temporary file of the failed write is removed")
          .containsExactlyInAnyOrder("ckpt.safetensors", "blocked.safetensors");
    }
  }
}
