package org.vae4j.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.vae4j.spark.score.ModelPackage;
import org.vae4j.spark.score.ScoreOptions;
import org.vae4j.spark.score.ScoreRequest;
import org.vae4j.spark.score.SparkScoring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j spark score}: scores a table of images with a trained run on a Spark cluster. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = {"Score a table of images with a trained run, in parallel on Spark, into a new Parquet table: per row"
        + " the latent mean and log-variance, negative ELBO and importance-sampled log p(x) (VAE runs), the code "
        + "indices (vqvae), or class probabilities, their predictive std and the predicted class (bnn).",
        "Each row's noise is keyed by (--seed, its id): the table does not depend on the partitioning."},
    footer = {"", "Examples:", "  vae4j spark score --run runs/vae --input mnist-10k --output scores.parquet",
        "  vae4j spark score --run runs/vae --input digits.parquet --image-column pixels --output s.parquet "
            + "--master spark://host:7077"})
final class SparkScoreCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Mixin
  private ClusterOptions cluster;

  @Option(names = "--run", required = true, paramLabel = "<run>", description = "The run folder of 'vae4j train'.")
  private Path run;

  @Option(names = "--input", required = true, paramLabel = "<table>",
      description = "A Parquet table with a binary (one byte per pixel) or array<float> image column; an IDX folder; or"
          + " mnist-10k / fashion-mnist.")
  private String input;

  @Option(names = "--output", required = true, paramLabel = "<path>",
      description = "The Parquet table to write; must not exist (it appears whole or not at all).")
  private String output;

  @Option(names = "--part", defaultValue = "test", paramLabel = "<test|train>",
      description = "For IDX input: which part. Default: ${DEFAULT-VALUE}.")
  private String part;

  @Option(names = "--image-column", defaultValue = "image", description = "Default: ${DEFAULT-VALUE}.")
  private String imageColumn;

  @Option(names = "--id-column", defaultValue = "id",
      description = "Integral row ids that key the noise; without it, the row's position in the table. "
          + "Default: ${DEFAULT-VALUE}.")
  private String idColumn;

  @Option(names = "--label-column", defaultValue = "label",
      description = "Labels, copied to the output (and needed by cvae runs). Default: ${DEFAULT-VALUE}.")
  private String labelColumn;

  @Option(names = "--samples", defaultValue = "100", description = "k, importance samples for log p(x). "
      + "Default: ${DEFAULT-VALUE}.")
  private int samples;

  @Option(names = "--weight-draws", defaultValue = "20", description = "Weight draws per row for bnn runs. "
      + "Default: ${DEFAULT-VALUE}.")
  private int weightDraws;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the noise. Default: ${DEFAULT-VALUE}.")
  private long seed;

  @Option(names = "--batch", defaultValue = "256", description = "Rows scored together. Default: ${DEFAULT-VALUE}.")
  private int batch;

  @Option(names = "--partitions", defaultValue = "0",
      description = "Repartition the input into this many partitions (0: as read). Default: ${DEFAULT-VALUE}.")
  private int partitions;

  @Option(names = SparkErrors.VERBOSE, description = "Show the stack trace of errors.")
  private boolean verbose;

  @Override
  public Integer call() {
    ScoreOptions options = new ScoreOptions(samples, seed, weightDraws, batch);
    ModelPackage.of(run, cluster.backend, cluster.device); // a missing or damaged run is refused before Spark starts
    SparkSession spark = cluster.session("vae4j spark score");
    try {
      SparkScoring.Result r = SparkScoring.score(spark, new ScoreRequest(run, input, output).part(part)
          .columns(imageColumn, idColumn, labelColumn).partitions(partitions).backend(cluster.backend, cluster.device)
          .options(options));
      spec.commandLine().getOut().printf("wrote the scores of %d rows to %s in %.1f s%n", r.rows(), r.output(),
          r.seconds());
      return 0;
    } finally {
      spark.stop();
    }
  }
}
