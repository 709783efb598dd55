package org.vae4j.examples.compare;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vae4j.examples.app.DataPreparation;
import org.vae4j.examples.io.AtomicFiles;
import org.vae4j.examples.run.RunDirectory;

/**
 * Writes a comparison into its run folder: {@code comparison.md} (the two tables, for people and the README)
 * and {@code comparison.json} (the rows and settings, snake_case keys), each atomically.
 *
 * @param data   the data set's name
 * @param images test images scored
 * @param k      importance samples per image for the VAEs
 * @param rows   the scored runs
 */
public record ComparisonReport(String data, int images, int k, List<ComparisonRow> rows) {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
      .serializeSpecialFloatingPointValues().setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
      .create();

  /** Writes both files into {@code run}. */
  public void write(RunDirectory run) {
    AtomicFiles.write(run.file("comparison.md"), markdown().getBytes(StandardCharsets.UTF_8));
    String json = GSON.toJson(Map.of("data", data, "images", images, "importance_samples", k,
        "test_binarization_seed", DataPreparation.TEST_BINARIZATION_SEED, "rows", rows));
    AtomicFiles.write(run.file("comparison.json"), (json + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The tables in Markdown; a table without rows is left out. */
  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Test images: the first %d test digits of %s. The binary models are all "
        + "scored on one binarisation of them (seed %d).%n", images, data, DataPreparation.TEST_BINARIZATION_SEED));
    List<ComparisonRow> binary = rows.stream().filter(r -> r.table().equals("binary")).toList();
    if (!binary.isEmpty()) {
      b.append("\nBinarised digits, -log p(x) in nats per image (lower is better):\n\n");
      b.append("| model | measure | nats | epochs | paper (full binarised MNIST) | run |\n");
      b.append("|---|---|---:|---:|---|---|\n");
      for (ComparisonRow r : binary) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %d | %s | %s |%n", r.model(), r.measure(),
            r.natsPerImage(), r.epochs(), r.paper() == null ? "-" : r.paper(), r.run()));
      }
    }
    List<ComparisonRow> grey = rows.stream().filter(r -> r.table().equals("grey")).toList();
    if (!grey.isEmpty()) {
      b.append("\n256 grey levels, -log p(x) in bits per dimension (lower is better):\n\n");
      b.append("| model | measure | bits/dim | nats | epochs | run |\n");
      b.append("|---|---|---:|---:|---:|---|\n");
      for (ComparisonRow r : grey) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.2f | %d | %s |%n", r.model(), r.measure(),
            r.bitsPerDimension(), r.natsPerImage(), r.epochs(), r.run()));
      }
    }
    return b.toString();
  }
}
