package org.vae4j.spark.train;

import java.io.Serializable;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.core.data.TrainTest;
import org.vae4j.examples.run.RunDirectory;
import org.vae4j.examples.run.RunSummary;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.spark.Sessions;
import org.vae4j.spark.SparkInputException;
import org.vae4j.spark.TaskFailures;
import org.vae4j.spark.bridge.ExamplesAdapter;
import org.vae4j.spark.bridge.RunFolders;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Synchronous data-parallel training on Spark: one barrier stage of K tasks, each a worker
 * ({@link TrainingTask}) holding the whole model, training its shard of every global batch, gradients summed
 * over a TCP ring. The driver makes the run folder and {@code run.json} first, and when the stage is done
 * draws the pictures and writes {@code summary.json} from rank 0's final checkpoint: the same folder
 * {@code vae4j train} leaves. When a task dies, Spark reruns the stage (as often as the master allows, e.g.
 * {@code local[2,4]} or {@code spark.task.maxFailures}) and the workers resume from the last checkpoint.
 */
public final class SparkTraining {
  private static final Logger LOG = LoggerFactory.getLogger(SparkTraining.class);

  private SparkTraining() {
  }

  /** What a distributed run leaves: its folder, its summary and every worker's report. */
  public record Result(Path folder, RunSummary summary, List<RankResult> ranks) {
  }

  /**
   * Trains {@code request} on {@code spark}'s cluster.
   *
   * @throws SparkInputException for options the cluster cannot serve (too few slots, a batch that does not split)
   * @throws org.vae4j.spark.ring.RingException or another one-line exception with a worker's reason when the
   *                                            stage fails for good
   */
  public static Result train(SparkSession spark, TrainRequest r) {
    long start = System.nanoTime();
    SparkContext sc = spark.sparkContext();
    if (r.workers < 1) {
      throw new SparkInputException("--workers " + r.workers + ": give at least 1");
    }
    if (r.batch % r.workers != 0) {
      throw new SparkInputException("--batch " + r.batch + " is not a multiple of --workers " + r.workers
          + "; give a global batch that splits evenly, e.g. --batch " + (r.batch / r.workers + 1) * r.workers);
    }
    Sessions.checkSlots(sc, r.workers);
    TrainTest data = ExamplesAdapter.data(r.data, r.limit, r.binarize, r.seed);
    RunConfig config = ExamplesAdapter.newConfig(r.kind, r.data, data, r.binarize, r.limit, r.seed, r.batch, r.lr,
        r.latent, r.hidden, r.parent);
    try (RunDirectory run = RunFolders.create(r.out, config)) {
      Path folder = run.path().toAbsolutePath();
      LOG.info("{} on {} workers ({} per worker of a global batch of {}), writing to {}", config.spec(), r.workers,
          r.batch / r.workers, r.batch, folder);
      byte[] token = new byte[32];
      new SecureRandom().nextBytes(token);
      TrainJob job = new TrainJob(folder.toString(), r.epochs, r.backend, r.device, r.workers, token, r.ringPort,
          r.ringTimeoutSeconds, r.checkpointEvery, r.failAtStep);
      List<RankResult> ranks = runStage(sc, job);
      long first = ranks.get(0).checksum();
      for (RankResult rank : ranks) {
        if (rank.checksum() != first) {
          throw new IllegalStateException("the workers' final parameters differ: rank 0 " + Long.toHexString(first)
              + ", rank " + rank.rank() + " " + Long.toHexString(rank.checksum()));
        }
      }
      StepTimes t = ranks.get(0).times();
      LOG.info(String.format(Locale.ROOT, "%d steps on %d workers: per step %.1f ms computing, %.1f ms copying "
          + "gradients, %.1f ms waiting, %.1f ms on the ring; %d bytes sent by rank 0", ranks.get(0).steps(),
          r.workers, t.computeMs(), t.hostCopyMs(), t.waitingMs(), t.transferMs(), t.bytesSent()));
      RunSummary summary = RunFolders.finish(run, ExamplesAdapter.tensors(r.backend, r.device),
          r.logLikelihoodImages, start);
      return new Result(folder, summary, ranks);
    }
  }

  private static List<RankResult> runStage(SparkContext sc, TrainJob job) {
    List<Integer> ranks = new ArrayList<>();
    for (int i = 0; i < job.workers(); i++) {
      ranks.add(i);
    }
    ClassTag<RankResult> tag = ClassTag$.MODULE$.apply(RankResult.class);
    RDD<RankResult> stage = JavaSparkContext.fromSparkContext(sc).parallelize(ranks, job.workers()).rdd().barrier()
        .mapPartitions(new Workers(job), false, tag);
    sc.setJobDescription("vae4j train on " + job.workers() + " workers");
    try {
      // Spark reruns a failed barrier stage only when it is a shuffle map stage: the shuffle makes it one.
      List<RankResult> results = new ArrayList<>(stage.toJavaRDD().repartition(1).collect());
      results.sort((a, b) -> Integer.compare(a.rank(), b.rank()));
      return results;
    } catch (Exception e) { // SparkException is checked in Java's eyes but not declared
      String text = String.valueOf(e.getMessage());
      if (text.contains("SPARK-24819") || text.contains("more slots than the total number of slots")) {
        throw Sessions.tooFewSlotsMessage(sc, job.workers(), e);
      }
      TaskFailures.Reason reason = TaskFailures.reason(e);
      String message = "training failed: " + (reason != null ? reason.message() : text.lines().findFirst().orElse(text));
      throw reason != null && reason.isInput() ? new SparkInputException(message, e) : new IllegalStateException(message,
          e);
    }
  }

  /** The stage's task: each runs one worker. */
  private static final class Workers extends AbstractFunction1<Iterator<Integer>, Iterator<RankResult>>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final TrainJob job;

    Workers(TrainJob job) {
      this.job = job;
    }

    @Override
    public Iterator<RankResult> apply(Iterator<Integer> ranks) {
      return CollectionConverters.asScala(List.of(TrainingTask.run(job, BarrierTaskContext.get())).iterator());
    }
  }
}
