package org.vae4j.spark.score;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.spark.TaskFailures;

/**
 * Distributed scoring: reads a table of images, scores every partition in batches on the executors with the
 * run's model (sent once as a broadcast, built once per executor JVM), and writes a new Parquet table with
 * one row of scores per input row ({@link ScoreSchema}), all or nothing. Rows are keyed by their id, so the
 * table does not depend on the partitioning and equals single-process scoring ({@link RowScorer}).
 */
public final class SparkScoring {
  private static final Logger LOG = LoggerFactory.getLogger(SparkScoring.class);

  private SparkScoring() {
  }

  /** What a scoring job wrote. */
  public record Result(String output, long rows, double seconds) {
  }

  /**
   * Runs {@code r} on {@code spark}.
   *
   * @throws org.vae4j.spark.SparkInputException with one line for a bad run, table, column or output
   */
  public static Result score(SparkSession spark, ScoreRequest r) {
    long start = System.nanoTime();
    ModelPackage pkg = ModelPackage.of(r.run, r.backend, r.device);
    OutputTables.checkFree(spark, r.output);
    Dataset<Row> table = scoredTable(spark, r, pkg);
    try {
      OutputTables.write(spark, table, r.output);
    } catch (RuntimeException e) {
      throw translate(e);
    }
    long rows = spark.read().parquet(r.output).count();
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("scored {} rows with {} into {} in {} s", rows, r.run, r.output, String.format("%.1f", seconds));
    return new Result(r.output, rows, seconds);
  }

  /** The scores of {@code r}'s input as a lazy table (nothing runs until it is written or collected). */
  public static Dataset<Row> scoredTable(SparkSession spark, ScoreRequest r, ModelPackage pkg) {
    int pixels = pkg.pixels();
    Dataset<Row> input = InputTables.read(spark, r);
    ImageColumn columns = ImageColumn.of(input.schema(), r.imageColumn, r.idColumn, r.labelColumn, pixels);
    if (r.partitions > 0) {
      input = input.repartition(r.partitions);
    }
    Broadcast<ModelPackage> model = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(pkg);
    ScoreSchema schema = new ScoreSchema(pkg.kind());
    return input.mapPartitions(new PartitionScorer(model, columns, r.options, schema),
        Encoders.row(schema.table(columns.label() >= 0)));
  }

  /** A failed job's task reason as one line, when a task gave one. */
  static RuntimeException translate(RuntimeException e) {
    if (e instanceof org.vae4j.spark.SparkInputException) {
      return e;
    }
    TaskFailures.Reason reason = TaskFailures.reason(e);
    if (reason == null) {
      return e;
    }
    return reason.isInput() ? new org.vae4j.spark.SparkInputException(reason.message(), e)
        : new IllegalStateException("scoring failed: " + reason.message(), e);
  }
}
