package org.vae4j.examples.bench;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.GsonBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vae4j.examples.io.AtomicFiles;

/**
 * The result of {@code vae4j bench}: its settings and rows, printed as a table and written as
 * {@code bench.json} (snake_case keys; NaN where a row did not run).
 *
 * @param model  the model timed
 * @param steps  timed steps per row
 * @param warmup untimed steps before them
 * @param batch  images per step
 * @param ratioTo the row the ratios are relative to ({@code djl}, else {@code djl-reference})
 * @param rows   one per backend, then the reference
 */
public record BenchReport(String model, int steps, int warmup, int batch, String ratioTo, List<BenchRow> rows) {

  /** The table for a person: one line per row, failures with their reason. */
  public String table() {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-14s %-6s %12s %9s %10s %10s %10s  %s%n",
        "backend", "device", "examples/s", "vs " + ratioTo, "mean loss", "peak heap", "peak RSS", "details"));
    for (BenchRow r : rows) {
      if (!r.ran()) {
        b.append(String.format(Locale.ROOT, "%-14s %-6s %12s %9s %10s %10s %10s  %s%n", r.backend(), r.device(), "-",
            "-", "-", "-", "-", r.details()));
        continue;
      }
      b.append(String.format(Locale.ROOT, "%-14s %-6s %12.1f %9s %10.2f %10s %10s  %s%n", r.backend(), r.device(),
          r.examplesPerSecond(), Double.isNaN(r.ratioToDjl()) ? "-" : String.format(Locale.ROOT, "%.2fx",
              r.ratioToDjl()), r.meanLoss(), mib(r.peakHeapBytes()), mib(r.peakResidentBytes()), r.details()));
    }
    return b.toString();
  }

  /** Writes {@code bench.json}, atomically. */
  public void write(Path file) {
    String json = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
        .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create().toJson(this);
    AtomicFiles.write(file, (json + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }
}
