package org.vae4j.spark.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.apache.spark.BarrierTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.Module;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.distributions.Validation;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.quantize.VectorQuantizer;
import org.vae4j.core.train.EpochReport;
import org.vae4j.core.train.StepReport;
import org.vae4j.core.train.Trainer;
import org.vae4j.core.train.TrainerBuilder;
import org.vae4j.core.train.TrainingListener;
import org.vae4j.core.train.TrainingSummary;
import org.vae4j.core.data.TrainTest;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.spark.bridge.ExamplesAdapter;
import org.vae4j.spark.bridge.RunFolders;
import org.vae4j.spark.ring.RingAllReduce;

/**
 * One worker of the training stage (one barrier task): opens its ring port, exchanges addresses with the
 * others once ({@code allGather}), joins the ring, builds the model from the run folder exactly as every
 * other worker does, resumes from the folder's checkpoint when there is one (a rerun of the stage), and
 * trains its shard with core's {@link Trainer} and a {@link RingSynchronizer}. Rank 0 alone evaluates,
 * writes {@code metrics.csv} and checkpoints. After every epoch the workers compare digests of their
 * parameters and stop if any differs.
 */
final class TrainingTask {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingTask.class);

  private TrainingTask() {
  }

  /** Runs worker {@code ctx.partitionId()} of {@code job}. */
  static RankResult run(TrainJob job, BarrierTaskContext ctx) {
    try (RingAllReduce ring = BarrierRing.join(ctx, job.ringPort(), job.token(),
        Duration.ofSeconds(job.ringTimeoutSeconds()))) {
      return train(job, ctx.partitionId(), ctx.stageAttemptNumber(), ring);
    }
  }

  private static RankResult train(TrainJob job, int rank, int attempt, RingAllReduce ring) {
    Path folder = Path.of(job.runFolder());
    RunConfig config = ExamplesAdapter.config(folder, "run " + folder);
    TrainTest data = ExamplesAdapter.data(config);
    TensorFactory tensors = ExamplesAdapter.tensors(job.backend(), job.device());
    Path checkpoint = RunFolders.checkpoint(folder);
    boolean validation = Validation.setEnabled(false);
    RunFolders.WorkerSetup setup = RunFolders.worker(config, data, tensors);
    RunFolders.MetricsListener metrics = null;
    try (Optimizer optimizer = Adam.builder(config.lr()).build(setup.model().namedParameters())) {
      ShardPlan plan = new ShardPlan(setup.train().size(), config.batch(), job.workers(), config.seed());
      ShardedDataset shard = new ShardedDataset(setup.train(), plan, rank);
      RingSynchronizer sync = new RingSynchronizer(ring);
      attachToQuantizers(setup.model(), sync);
      TrainerBuilder builder = Trainer.builder(new ExampleKeyedModel(setup.model(), shard, plan), optimizer)
          .epochs(job.epochs()).batchSize(plan.localBatch()).shuffle(false).seed(config.seed())
          .gradientSynchronizer(sync);
      setup.dataListeners().forEach(builder::listener);
      builder.listener(shard);
      long resumedAt = 0;
      int resumedEpoch = 0;
      if (Files.exists(checkpoint)) {
        Checkpoint c = readCheckpoint(checkpoint);
        resumedAt = c.step();
        resumedEpoch = c.epoch();
        builder.resumeFrom(checkpoint);
        LOG.info("rank {}: resuming {} at step {} (epoch {}), stage attempt {}", rank, checkpoint, c.step(), c.epoch(),
            attempt);
      }
      if (rank == 0) {
        metrics = RunFolders.metrics(folder, resumedEpoch, job.epochs(), plan.localExamples() * job.workers());
        builder.testSet(setup.test()).testBatchSize(500)
            .checkpoint(checkpoint, job.checkpointEvery() > 0 ? job.checkpointEvery() : plan.stepsPerEpoch())
            .listener(metrics);
        if (plan.droppedPerEpoch() > 0) {
          LOG.warn("{} of {} training examples per epoch are left out so that the {} workers' batches stay equal",
              plan.droppedPerEpoch(), plan.examples(), job.workers());
        }
      }
      builder.listener(new ChecksumCheck(setup.model(), sync, rank));
      if (job.failAtStep() > 0 && attempt == 0 && rank == job.workers() - 1) {
        builder.listener(new InjectedFailure(job.failAtStep(), rank));
      }
      TrainingSummary summary = builder.build().fit(shard);
      return new RankResult(rank, attempt, resumedAt, summary.steps(), ParameterChecksum.of(setup.model()),
          setup.model().parameterCount(), summary.trainLoss(), sync.times());
    } finally {
      if (metrics != null) {
        metrics.close();
      }
      setup.model().close();
      Validation.setEnabled(validation);
    }
  }

  private static Checkpoint readCheckpoint(Path file) {
    try {
      return Checkpoint.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run's checkpoint " + file + " to resume: " + e.getMessage(), e);
    }
  }

  /** Makes every vector quantizer inside {@code module} share its code statistics through {@code sync}. */
  static void attachToQuantizers(Module module, RingSynchronizer sync) {
    if (module instanceof VectorQuantizer q) {
      q.synchronizeWith(sync);
    } else if (module instanceof ModuleBase b) {
      b.children().values().forEach(c -> attachToQuantizers(c, sync));
    }
  }

  /** Compares every worker's parameter digest after each epoch. */
  private record ChecksumCheck(Module model, RingSynchronizer sync, int rank) implements TrainingListener {
    @Override
    public void onEpoch(EpochReport report) {
      long mine = ParameterChecksum.of(model);
      long[] all = sync.allGather(mine);
      for (long c : all) {
        if (c != mine) {
          throw new IllegalStateException("rank " + rank + ": the workers' parameters differ after epoch "
              + (report.epoch() + 1) + " (digests " + Arrays.toString(Arrays.stream(all).mapToObj(Long::toHexString)
              .toArray()) + "); data parallelism needs every worker to apply the same update");
        }
      }
    }
  }

  /** For tests: the worker dies at a given step, as a lost executor would. */
  private record InjectedFailure(long step, int rank) implements TrainingListener {
    @Override
    public void onStep(StepReport report) {
      if (report.step() == step) {
        throw new IllegalStateException("rank " + rank + ": injected failure at step " + step);
      }
    }
  }
}
