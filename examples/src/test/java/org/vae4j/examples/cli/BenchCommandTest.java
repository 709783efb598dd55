package org.vae4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vae4j bench} with a few steps: the table, {@code bench.json}, and the reference row on DJL. */
class BenchCommandTest {
  @TempDir
  Path dir;

  private final Cli cli = new Cli();

  @Test
  void benchTimesEachBackendAndTheDjlReference() throws IOException {
    Path out = dir.resolve("bench.json");
    int code = cli.run("bench", "--backends", "pure", "--steps", "3", "--warmup", "1", "--batch", "32", "--out",
        out.toString());
    assertThat(code).as(cli.err()).isZero();
    assertThat(cli.out()).contains("examples/s", "pure", "djl-reference", "wrote " + out);

    JsonObject json = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    assertThat(json.get("model").getAsString()).isEqualTo("vae");
    assertThat(json.get("steps").getAsInt()).isEqualTo(3);
    var rows = json.getAsJsonArray("rows");
    assertThat(rows).hasSize(2);
    JsonObject pure = rows.get(0).getAsJsonObject();
    assertThat(pure.get("backend").getAsString()).isEqualTo("pure");
    assertThat(pure.get("examples_per_second").getAsDouble()).isPositive();
    assertThat(pure.get("peak_heap_bytes").getAsLong()).isPositive();
    // the same VAE on the same batches: at the start of training both sit near the loss of untrained weights
    JsonObject reference = rows.get(1).getAsJsonObject();
    assertThat(reference.get("backend").getAsString()).isEqualTo("djl-reference");
    assertThat(reference.get("examples_per_second").getAsDouble()).as(reference.toString()).isPositive();
    assertThat(reference.get("ratio_to_djl").getAsDouble()).isEqualTo(1.0);
    assertThat(reference.get("mean_loss").getAsDouble())
        .isCloseTo(pure.get("mean_loss").getAsDouble(), org.assertj.core.data.Percentage.withPercentage(10));
  }

  @Test
  void anUnknownBackendIsARowSayingWhy() {
    int code = cli.run("bench", "--backends", "nosuch", "--no-reference", "--steps", "1", "--warmup", "0",
        "--out", dir.resolve("b.json").toString());
    assertThat(code).as(cli.err()).isZero();
    assertThat(cli.out()).contains("nosuch", "is not on the class path");
  }
}
