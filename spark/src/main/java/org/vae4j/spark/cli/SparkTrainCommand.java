package org.vae4j.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.vae4j.spark.bridge.ExamplesAdapter;
import org.vae4j.spark.train.SparkTraining;
import org.vae4j.spark.train.TrainRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vae4j spark train <model>}: synchronous data-parallel training on K Spark tasks. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a model on --workers K Spark tasks at once (one barrier stage), each on B/K of every global "
        + "batch of B, gradients summed over a TCP ring between the tasks. Leaves the run folder 'vae4j train' leaves;"
        + " rank 0 writes metrics and checkpoints, and a rerun of the stage after a lost task resumes from the last "
        + "checkpoint.", "", "Models: those of 'vae4j train' (see vae4j train --help)."},
    footer = {"", "Examples:", "  vae4j spark train vae --workers 2 --master local[2]",
        "  vae4j spark train vae --workers 8 --batch 256 --out /shared/runs/vae --master spark://host:7077"})
final class SparkTrainCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<model>", description = "The model to train.")
  private String model;

  @Mixin
  private ClusterOptions cluster;

  @Option(names = "--workers", defaultValue = "2", description = "K, tasks training at once. Default: ${DEFAULT-VALUE}.")
  private int workers;

  @Option(names = "--data", defaultValue = "mnist-10k",
      description = "mnist-10k, fashion-mnist or an IDX folder that every executor can read. Default: ${DEFAULT-VALUE}.")
  private String data;

  @Option(names = "--out", paramLabel = "<dir>",
      description = "The run folder, on storage every executor can write (default: a new folder under runs/).")
  private Path out;

  @Option(names = "--epochs", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
  private int epochs;

  @Option(names = "--batch", defaultValue = "128", description = "The global batch B. Default: ${DEFAULT-VALUE}.")
  private int batch;

  @Option(names = "--latent", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}.")
  private int latent;

  @Option(names = "--hidden", defaultValue = "400", split = ",", description = "Default: ${DEFAULT-VALUE}.")
  private int[] hidden;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Default: ${DEFAULT-VALUE}.")
  private double lr;

  @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
  private long seed;

  @Option(names = "--binarize", description = "Dynamic binarisation, as for 'vae4j train'.")
  private boolean binarize;

  @Option(names = "--limit", defaultValue = "0", description = "Images per part (0: all). Default: ${DEFAULT-VALUE}.")
  private int limit;

  @Option(names = "--vqvae", paramLabel = "<run>", description = "For pixelcnn: the trained vqvae's run folder.")
  private Path vqvae;

  @Option(names = "--ll-images", defaultValue = "-1",
      description = "Test images of the log-likelihood estimate in summary.json (-1: the model's default).")
  private int llImages;

  @Option(names = "--ring-port", defaultValue = "0",
      description = "Base port of the ring: rank r listens on base + r (0: any free port). Default: ${DEFAULT-VALUE}.")
  private int ringPort;

  @Option(names = "--ring-timeout", defaultValue = "120",
      description = "Seconds a worker waits for another before giving up. Default: ${DEFAULT-VALUE}.")
  private int ringTimeout;

  @Option(names = "--checkpoint-every", defaultValue = "0",
      description = "Steps between checkpoints (0: after every epoch). Default: ${DEFAULT-VALUE}.")
  private long checkpointEvery;

  @Option(names = SparkErrors.VERBOSE, description = "Show the stack trace of errors.")
  private boolean verbose;

  @Override
  public Integer call() {
    ExamplesAdapter.recipe(model);
    for (int[] check : new int[][] {{workers, 1}, {epochs, 1}, {batch, 1}, {latent, 1}}) {
      if (check[0] < check[1]) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--workers, --epochs, --batch and "
            + "--latent must be at least 1, got " + check[0]);
      }
    }
    if (batch % workers != 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--batch " + batch + " is not a multiple of "
          + "--workers " + workers + "; give a global batch that splits evenly, e.g. --batch "
          + (batch / workers + 1) * workers);
    }
    TrainRequest request = new TrainRequest(model, workers).data(data).out(out).epochs(epochs).batch(batch)
        .latent(latent).hidden(hidden).lr(lr).seed(seed).binarize(binarize).limit(limit).parent(vqvae)
        .backend(cluster.backend, cluster.device).ring(ringPort, ringTimeout).checkpointEvery(checkpointEvery)
        .logLikelihoodImages(llImages);
    SparkSession spark = cluster.session("vae4j spark train " + model);
    try {
      SparkTraining.Result r = SparkTraining.train(spark, request);
      spec.commandLine().getOut().printf("trained %s on %d workers: test loss %.2f; run folder %s%n", model, workers,
          r.summary().finalTestLoss(), r.folder());
      return 0;
    } finally {
      spark.stop();
    }
  }
}
