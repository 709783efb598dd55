package org.vae4j.spark.score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.vae4j.spark.SparkInputException;

/**
 * Writes a table so that it appears whole or not at all: into a hidden sibling folder first, renamed to
 * its name once every task has committed; on failure the sibling is deleted. An existing table is never
 * replaced. Works on any Hadoop file system whose rename is atomic (local, HDFS).
 */
final class OutputTables {
  private OutputTables() {
  }

  /** Refuses an output path that already exists, before any work is done. */
  static void checkFree(SparkSession spark, String output) {
    try {
      Path out = new Path(output);
      if (out.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(out)) {
        throw new SparkInputException("--output " + output + " already exists; scoring never overwrites a table, "
            + "give a new path");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("--output " + output + ": cannot check it: " + e.getMessage(), e);
    }
  }

  /** Writes {@code table} as Parquet at {@code output}, all or nothing. */
  static void write(SparkSession spark, Dataset<Row> table, String output) {
    checkFree(spark, output);
    Path out = new Path(output);
    Path staging = new Path(out.getParent(), "." + out.getName() + ".vae4j-" + UUID.randomUUID());
    FileSystem fs;
    try {
      fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("--output " + output + ": " + e.getMessage(), e);
    }
    boolean done = false;
    try {
      table.write().parquet(staging.toString());
      if (fs.exists(out) || !fs.rename(staging, out)) {
        throw new SparkInputException("--output " + output + " appeared while scoring, or the staging folder "
            + staging + " could not be renamed to it; nothing was replaced");
      }
      done = true;
    } catch (IOException e) {
      throw new UncheckedIOException("--output " + output + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) { // SparkException is checked in Java's eyes but not declared
      throw new IllegalStateException(e.getMessage(), e);
    } finally {
      if (!done) {
        try {
          fs.delete(staging, true);
        } catch (IOException ignored) {
          // the failure itself is what the caller reports
        }
      }
    }
  }
}
