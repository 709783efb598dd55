package org.vae4j.examples.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {
  @TempDir
  Path dir;

  @Test
  void writesHeaderAndOneFlushedRowPerEpoch() throws IOException {
    Path file = dir.resolve("metrics.csv");
    try (MetricsCsv csv = MetricsCsv.create(file)) {
      assertThat(Files.readAllLines(file)).containsExactly(MetricsCsv.HEADER);
      csv.append(new EpochStats(1, 3, 163.25, 140.123456789, 12.5, 720.0));
      // flushed before close: a running run can be followed
      assertThat(Files.readAllLines(file)).hasSize(2);
      csv.append(new EpochStats(2, 3, 121.5, Double.NaN, 11.0, 818.1818181818));
      csv.append(new EpochStats(3, 3, 0.000123456789, 1e-9, 0.25, 36000));
    }
    assertThat(Files.readString(file)).isEqualTo("""
        epoch,train_loss,test_loss,seconds,examples_per_second
        1,163.25,140.1235,12.5,720
        2,121.5,,11,818.1818
        3,0.0001234568,0.000000001,0.25,36000
        """);
  }

  @Test
  void numbersKeepSevenSignificantDigits() {
    assertThat(MetricsCsv.number(0)).isEqualTo("0");
    assertThat(MetricsCsv.number(-2.5)).isEqualTo("-2.5");
    assertThat(MetricsCsv.number(1234567890.0)).isEqualTo("1234568000");
    assertThat(MetricsCsv.number(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    assertThat(MetricsCsv.number(Double.NaN)).isEmpty();
  }

  @Test
  void neverOverwritesAnExistingFile() throws IOException {
    Path file = Files.writeString(dir.resolve("metrics.csv"), "old");
    assertThatThrownBy(() -> MetricsCsv.create(file)).isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("cannot create " + file);
    assertThat(file).hasContent("old");
  }

  @Test
  void rowsReadBackUpToAnEpoch() throws IOException {
    Path file = dir.resolve("read.csv");
    try (MetricsCsv csv = MetricsCsv.create(file)) {
      csv.append(new EpochStats(1, 3, 150.5, Double.NaN, 2, 4500));
      csv.append(new EpochStats(2, 3, 120.25, 119.5, 2.5, 3600));
      csv.append(new EpochStats(3, 3, 110, 109, 2, 4500));
    }
    var rows = MetricsCsv.read(file, 2, 5);
    assertThat(rows).containsExactly(new EpochStats(1, 5, 150.5, Double.NaN, 2, 4500),
        new EpochStats(2, 5, 120.25, 119.5, 2.5, 3600));
    assertThat(MetricsCsv.read(dir.resolve("none.csv"), 2, 5)).isEmpty();
    Files.writeString(file, MetricsCsv.HEADER + "\n1,x,,1,1\n");
    assertThatThrownBy(() -> MetricsCsv.read(file, 2, 5)).hasMessageContaining("line 2 '1,x,,1,1' is not a row");
  }
}
