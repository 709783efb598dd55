package org.vae4j.examples.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {
  @TempDir
  Path dir;

  @Test
  void writesPrettySnakeCaseJsonWithNullLogLikelihoodAndReadsItBack() throws IOException {
    RunSummary s = new RunSummary("pure", "cpu", "vae", "mnist-10k", 10, 104.25, null, 812.5, 120.75, 123_456_789L, 42,
        null, null);
    Path file = dir.resolve("summary.json");
    s.write(file);

    assertThat(Files.readString(file)).isEqualTo("""
        {
          "backend": "pure",
          "device": "cpu",
          "model": "vae",
          "data": "mnist-10k",
          "epochs": 10,
          "final_test_loss": 104.25,
          "test_log_likelihood": null,
          "examples_per_second": 812.5,
          "wall_seconds": 120.75,
          "peak_heap_bytes": 123456789,
          "seed": 42,
          "log_likelihood_samples": null,
          "log_likelihood_images": null
        }
        """);
    assertThat(RunSummary.read(file)).isEqualTo(s);
    RunSummary withLl = new RunSummary("djl", "gpu:0", "vae", "fashion-mnist", 1, 240.5, -236.0, 1e5, 3, 1, 7, 100,
        500);
    withLl.write(file);
    assertThat(RunSummary.read(file)).isEqualTo(withLl);
  }

  @Test
  void aNumberThatIsNotFiniteIsWrittenAsNullSoTheFileIsStrictJson() throws IOException {
    Path file = dir.resolve("summary.json");
    new RunSummary("pure", "cpu", "vae", "mnist-10k", 2, Double.NaN, Double.NEGATIVE_INFINITY, 0, 1.5, 1, 42, null,
        null).write(file);
    String json = Files.readString(file);
    assertThat(json).contains("\"final_test_loss\": null,", "\"test_log_likelihood\": null,")
        .doesNotContain("NaN", "Infinity");
    JsonReader strict = new JsonReader(new StringReader(json));
    strict.setStrictness(Strictness.STRICT);
    assertThat(JsonParser.parseReader(strict).getAsJsonObject().get("final_test_loss").isJsonNull()).isTrue();
    RunSummary back = RunSummary.read(file);
    assertThat(back.finalTestLoss()).isNaN();
    assertThat(back.testLogLikelihood()).isNull();
  }

  @Test
  void peakHeapCoversWhatIsInUse() {
    byte[][] hold = new byte[16][];
    for (int i = 0; i < hold.length; i++) {
      hold[i] = new byte[1 << 20];
    }
    long peak = RunSummary.measurePeakHeapBytes();
    assertThat(peak).isGreaterThanOrEqualTo(16L << 20);
    assertThat(hold[15]).hasSize(1 << 20);
  }
}
