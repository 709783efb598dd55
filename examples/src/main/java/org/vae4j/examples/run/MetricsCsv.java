package org.vae4j.examples.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-epoch metrics of a run ({@code metrics.csv}): the header {@value #HEADER}, then one row per epoch,
 * written and flushed as soon as the epoch ends so a running or crashed run can be followed. Numbers are
 * written with 7 significant digits in plain notation; a missing test loss (NaN) is an empty field.
 *
 * <p>Not thread-safe. Close it when the run ends.
 */
public final class MetricsCsv implements Closeable {
  /** The first line of the file. */
  public static final String HEADER = "epoch,train_loss,test_loss,seconds,examples_per_second";

  private static final MathContext DIGITS = new MathContext(7);

  private final Path file;
  private final BufferedWriter out;

  private MetricsCsv(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Creates {@code file} and writes the header.
   *
   * @throws UncheckedIOException when the file exists already or cannot be written
   */
  public static MetricsCsv create(Path file) {
    try {
      BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      MetricsCsv csv = new MetricsCsv(file, w);
      csv.line(HEADER);
      return csv;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file + ": " + e + "; a run writes a new metrics file in "
          + "its own folder", e);
    }
  }

  /** The file written. */
  public Path file() {
    return file;
  }

  /** Appends the row of one epoch and flushes it to the file. */
  public void append(EpochStats epoch) {
    line(epoch.epoch() + "," + number(epoch.trainLoss()) + "," + number(epoch.testLoss()) + ","
        + number(epoch.seconds()) + "," + number(epoch.examplesPerSecond()));
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }

  private void line(String text) {
    try {
      out.write(text);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The rows of epochs {@code 1..lastEpoch} of a metrics file written by this class, as epochs of a run of
   * {@code epochs} epochs; rows past {@code lastEpoch} are left out. A missing file gives no rows.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException naming the line when a row is not {@value #HEADER}
   */
  public static List<EpochStats> read(Path file, int lastEpoch, int epochs) {
    List<EpochStats> rows = new ArrayList<>();
    if (!Files.exists(file)) {
      return rows;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",", -1);
      try {
        int epoch = Integer.parseInt(f[0]);
        if (epoch <= lastEpoch) {
          rows.add(new EpochStats(epoch, Math.max(epoch, epochs), value(f[1]), value(f[2]), value(f[3]),
              value(f[4])));
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + " '" + lines.get(i) + "' is not a row of "
            + HEADER, e);
      }
    }
    return rows;
  }

  private static double value(String field) {
    return switch (field) {
      case "" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(field);
    };
  }

  /** 7 significant digits, plain notation; {@code inf}/{@code -inf} for infinities, empty for NaN. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return "0";
    }
    return new BigDecimal(v).round(DIGITS).stripTrailingZeros().toPlainString();
  }
}
