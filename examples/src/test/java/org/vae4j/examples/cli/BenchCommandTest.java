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
    assertThat(pure.get("flops_per_example").getAsDouble()).isEqualTo(3_280_000.0);
    assertThat(pure.get("gemm_gflops_per_second").getAsDouble()).isPositive();
    assertThat(pure.get("gflops_per_second").getAsDouble())
        .isCloseTo(pure.get("examples_per_second").getAsDouble() * 3.28e-3, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(pure.get("fraction_of_bound").getAsDouble()).isEqualTo(pure.get("gflops_per_second").getAsDouble()
        / pure.get("gemm_gflops_per_second").getAsDouble());
    assertThat(pure.get("memory_trace")).isNull();
    // the same VAE on the same batches: at the start of training both sit near the loss of untrained weights
    JsonObject reference = rows.get(1).getAsJsonObject();
    assertThat(reference.get("backend").getAsString()).isEqualTo("djl-reference");
    assertThat(reference.get("examples_per_second").getAsDouble()).as(reference.toString()).isPositive();
    assertThat(reference.get("ratio_to_djl").getAsDouble()).isEqualTo(1.0);
    assertThat(reference.get("mean_loss").getAsDouble())
        .isCloseTo(pure.get("mean_loss").getAsDouble(), org.assertj.core.data.Percentage.withPercentage(10));
  }

  @Test
  void thePixelCnnPriorTrainsOnCodeMapsAndAMemoryTraceHasTenPoints() throws IOException {
    Path out = dir.resolve("prior.json");
    int code = cli.run("bench", "--model", "pixelcnn", "--backends", "pure", "--steps", "10", "--warmup", "0",
        "--batch", "8", "--memory-trace", "--out", out.toString());
    assertThat(code).as(cli.err()).isZero();
    assertThat(cli.out()).contains("pixelcnn numCodes=64", "untrained VQ-VAE", "pure memory (step: heap after GC");
    JsonObject pure = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonArray("rows").get(0)
        .getAsJsonObject();
    assertThat(pure.get("examples_per_second").getAsDouble()).as(pure.toString()).isPositive();
    assertThat(pure.get("flops_per_example").getAsDouble()).isGreaterThan(1e6);
    var trace = pure.getAsJsonArray("memory_trace");
    assertThat(trace).hasSize(10);
    assertThat(trace.get(9).getAsJsonObject().get("step").getAsInt()).isEqualTo(10);
    assertThat(trace.get(9).getAsJsonObject().get("heap_bytes").getAsLong()).isPositive();
  }

  @Test
  void anUnknownBackendIsARowSayingWhy() {
    int code = cli.run("bench", "--backends", "nosuch", "--no-reference", "--steps", "1", "--warmup", "0",
        "--out", dir.resolve("b.json").toString());
    assertThat(code).as(cli.err()).isZero();
    assertThat(cli.out()).contains("nosuch", "is not on the class path");
  }
}
