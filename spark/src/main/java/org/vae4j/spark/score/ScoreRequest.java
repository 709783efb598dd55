package org.vae4j.spark.score;

import java.nio.file.Path;

/**
 * A scoring job: which run, which table, where the scores go, and how. Set with the fluent methods; not
 * thread-safe.
 */
public final class ScoreRequest {
  Path run;
  String input;
  String output;
  String part = "test";
  String imageColumn = "image";
  String idColumn = "id";
  String labelColumn = "label";
  int partitions;
  String backend;
  String device;
  ScoreOptions options = ScoreOptions.defaults();

  /**
   * Scores table {@code input} with the model of run folder {@code run} into the new Parquet table
   * {@code output}. {@code input} is a Parquet path, an IDX folder, or a data set name ({@code mnist-10k},
   * {@code fashion-mnist}).
   */
  public ScoreRequest(Path run, String input, String output) {
    this.run = run;
    this.input = input;
    this.output = output;
  }

  /** For IDX input: which part, {@code test} (the default) or {@code train}. */
  public ScoreRequest part(String which) {
    this.part = which;
    return this;
  }

  /** The columns of a Parquet input: image ({@code image}), id ({@code id}, else the row's position), label. */
  public ScoreRequest columns(String image, String id, String label) {
    this.imageColumn = image;
    this.idColumn = id;
    this.labelColumn = label;
    return this;
  }

  /** Repartitions the input into this many partitions before scoring (0: as read). */
  public ScoreRequest partitions(int n) {
    this.partitions = n;
    return this;
  }

  /** The executors' backend and device (null: their defaults). */
  public ScoreRequest backend(String name, String deviceName) {
    this.backend = name;
    this.device = deviceName;
    return this;
  }

  /** Samples, seed, weight draws and batch. */
  public ScoreRequest options(ScoreOptions o) {
    this.options = o;
    return this;
  }
}
