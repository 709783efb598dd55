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
 * @param model       the model timed ({@code train}'s name)
 * @param description the model in a few words (sizes, and for a prior where its codes come from)
 * @param steps       timed steps per row
 * @param warmup      untimed steps before them
 * @param batch       images per step
 * @param ratioTo     the row the ratios are relative to ({@code djl}, else {@code djl-reference})
 * @param rows        one per backend, then the reference
 */
public record BenchReport(String model, String description, int steps, int warmup, int batch, String ratioTo,
    List<BenchRow> rows) {

  private static final String ROW = "%-14s %-6s %11s %8s %9s %9s %8s %8s %7s %9s %9s  %s%n";

  /**
   * The table for a person: one line per row, failures with their reason, then what the columns mean; with a
   * memory trace, each row's trace below the table.
   */
  public String table() {
    StringBuilder b = new StringBuilder(description).append(", batch ").append(batch).append(", ").append(steps)
        .append(" timed steps after ").append(warmup).append(" warm-up\n");
    b.append(String.format(Locale.ROOT, ROW, "backend", "device", "examples/s", "vs " + ratioTo, "mean loss",
        "MFLOP/ex", "GFLOP/s", "GEMM", "bound", "peak heap", "peak RSS", "details"));
    for (BenchRow r : rows) {
      if (!r.ran()) {
        b.append(String.format(Locale.ROOT, ROW, r.backend(), r.device(), "-", "-", "-", "-", "-", "-", "-", "-",
            "-", r.details()));
        continue;
      }
      b.append(String.format(Locale.ROOT, ROW, r.backend(), r.device(), fixed(r.examplesPerSecond(), 1),
          Double.isNaN(r.ratioToDjl()) ? "-" : fixed(r.ratioToDjl(), 2) + "x", fixed(r.meanLoss(), 2),
          fixed(r.flopsPerExample() / 1e6, 2), fixed(r.gflopsPerSecond(), 1), fixed(r.gemmGflopsPerSecond(), 1),
          Double.isNaN(r.fractionOfBound()) ? "-" : fixed(100 * r.fractionOfBound(), 1) + "%",
          mib(r.peakHeapBytes()), mib(r.peakResidentBytes()), r.details()));
    }
    b.append("MFLOP/ex: matrix-product FLOPs per example, forward and backward; GFLOP/s: the rate they ran at; "
        + "GEMM: the backend's own float32 matmul GFLOP/s (").append(batch).append("x").append(GemmRate.K)
        .append(" @ ").append(GemmRate.K).append("x").append(GemmRate.N)
        .append(") in this process; bound: GFLOP/s over GEMM\n");
    for (BenchRow r : rows) {
      if (r.memoryTrace() != null) {
        b.append(r.backend()).append(" memory (step: heap after GC / RSS):");
        for (BenchRow.MemoryPoint p : r.memoryTrace()) {
          b.append(' ').append(p.step()).append(": ").append(mib(p.heapBytes())).append(" / ")
              .append(mib(p.residentBytes())).append(';');
        }
        b.setLength(b.length() - 1);
        b.append('\n');
      }
    }
    return b.toString();
  }

  /** Writes {@code bench.json}, atomically. */
  public void write(Path file) {
    String json = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
        .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create().toJson(this);
    AtomicFiles.write(file, (json + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static String fixed(double v, int decimals) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }
}
