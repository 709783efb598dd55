package org.vae4j.spark.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.HostTensor;
import org.vae4j.spark.SharedSpark;
import org.vae4j.spark.SparkInputException;

/**
 * Data-parallel training in local[2]: one worker with batch B against two with B / 2, on pure and on djl; a
 * worker killed mid-training; a VQ-VAE whose code statistics are shared; and the options the cluster cannot
 * serve.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkTrainingTest {
  @TempDir
  static Path dir;

  private SparkTraining.Result oneWorker;
  private SparkTraining.Result twoWorkers;

  /** 1,280 images in global batches of 64: 20 steps in one epoch. */
  static TrainRequest vae(int workers, Path out, String backend) {
    return new TrainRequest("vae", workers).out(out).epochs(1).batch(64).limit(1280).hidden(64).latent(8)
        .backend(backend, null).logLikelihoodImages(0).ring(0, 30);
  }

  @BeforeAll
  void trainOnceAndTwice() {
    oneWorker = SparkTraining.train(SharedSpark.get(), vae(1, dir.resolve("k1"), "pure"));
    twoWorkers = SparkTraining.train(SharedSpark.get(), vae(2, dir.resolve("k2"), "pure"));
  }

  static Map<String, HostTensor> parameters(Path run) throws IOException {
    return Checkpoint.read(run.resolve("model.safetensors")).parameters();
  }

  /** {@code ||a - b|| / ||a||} over every parameter. */
  static double relativeDifference(Map<String, HostTensor> a, Map<String, HostTensor> b) {
    double diff = 0;
    double norm = 0;
    for (var e : a.entrySet()) {
      float[] x = e.getValue().toFloatArray();
      float[] y = b.get(e.getKey()).toFloatArray();
      for (int i = 0; i < x.length; i++) {
        diff += (double) (x[i] - y[i]) * (x[i] - y[i]);
        norm += (double) x[i] * x[i];
      }
    }
    return Math.sqrt(diff / norm);
  }

  @Test
  void twoWorkersWithHalfBatchesGiveTheParametersOfOneWorkerWithTheWholeBatchOnPure() throws IOException {
    assertThat(oneWorker.ranks()).singleElement().satisfies(r -> assertThat(r.steps()).isEqualTo(20));
    assertThat(twoWorkers.ranks()).hasSize(2);
    assertThat(twoWorkers.ranks().get(1).checksum()).as("rank 1's parameters, bit for bit")
        .isEqualTo(twoWorkers.ranks().get(0).checksum());
    double rel = relativeDifference(parameters(oneWorker.folder()), parameters(twoWorkers.folder()));
    System.out.printf("pure: ||theta(K=2) - theta(K=1)|| / ||theta(K=1)|| after 20 steps = %.3g%n", rel);
    assertThat(rel).as("||theta(K=2) - theta(K=1)|| / ||theta(K=1)|| after 20 steps").isLessThan(1e-5);
  }

  @Test
  void theRunFolderHasWhatTrainWrites() {
    for (String f : new String[] {"run.json", "metrics.csv", "summary.json", "model.safetensors", "loss.png",
        "reconstructions.png", "samples.png", "interpolation.png"}) {
      assertThat(twoWorkers.folder().resolve(f)).as(f).exists();
    }
  }

  @Test
  void bytesSentPerStepAreTheRingsTextbookFigure() {
    RankResult r = twoWorkers.ranks().get(0);
    long p = r.parameters() + 3;
    assertThat(r.times().bytesSent()).isEqualTo(r.steps() * (2L * (2 - 1) / 2 * 4 * p + 4));
  }

  @Test
  void twoWorkersMatchOneOnDjlToo() throws IOException {
    SparkTraining.Result one = SparkTraining.train(SharedSpark.get(), vae(1, dir.resolve("djl1"), "djl"));
    SparkTraining.Result two = SparkTraining.train(SharedSpark.get(), vae(2, dir.resolve("djl2"), "djl"));
    assertThat(two.ranks().get(1).checksum()).isEqualTo(two.ranks().get(0).checksum());
    double rel = relativeDifference(parameters(one.folder()), parameters(two.folder()));
    System.out.printf("djl: ||theta(K=2) - theta(K=1)|| / ||theta(K=1)|| after 20 steps = %.3g%n", rel);
    assertThat(rel).isLessThan(1e-5);
  }

  @Test
  void aWorkerKilledMidTrainingIsRerunAndTheRunEndsWithTheParametersOfAnUninterruptedOne() throws IOException {
    SparkTraining.Result killed = SparkTraining.train(SharedSpark.get(),
        vae(2, dir.resolve("killed"), "pure").checkpointEvery(5).failAtStep(12));
    assertThat(killed.ranks()).allSatisfy(r -> {
      assertThat(r.stageAttempt()).as("the stage was rerun").isPositive();
      assertThat(r.resumedAtStep()).as("resumed from the checkpoint of step 10").isEqualTo(10);
      assertThat(r.steps()).isEqualTo(20);
    });
    assertThat(killed.ranks().get(0).checksum()).as("bit for bit the uninterrupted run's parameters")
        .isEqualTo(twoWorkers.ranks().get(0).checksum());
    assertThat(Files.readAllLines(killed.folder().resolve("metrics.csv"))).hasSize(2);
  }

  @Test
  void aVqVaeOnTwoWorkersKeepsIdenticalCodebooks() throws IOException {
    TrainRequest vq = new TrainRequest("vqvae", 2).epochs(1).batch(32).limit(640).backend("pure", null)
        .logLikelihoodImages(0).ring(0, 30);
    SparkTraining.Result two = SparkTraining.train(SharedSpark.get(), vq.out(dir.resolve("vq2")));
    assertThat(two.ranks().get(1).checksum()).isEqualTo(two.ranks().get(0).checksum());
    SparkTraining.Result one = SparkTraining.train(SharedSpark.get(),
        new TrainRequest("vqvae", 1).epochs(1).batch(32).limit(640).backend("pure", null).logLikelihoodImages(0)
            .out(dir.resolve("vq1")));
    double rel = relativeDifference(parameters(one.folder()), parameters(two.folder()));
    System.out.printf("vqvae: ||theta(K=2) - theta(K=1)|| / ||theta(K=1)|| after 20 steps = %.3g%n", rel);
    assertThat(rel).isLessThan(1e-4);
  }

  @Test
  void moreWorkersThanSlotsAreRefusedInSecondsNamingBothNumbersAndTheSetting() {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> SparkTraining.train(SharedSpark.get(), vae(3, dir.resolve("k3"), "pure").batch(63)))
        .isInstanceOf(SparkInputException.class)
        .hasMessage("--workers 3 needs 3 task slots at once, but master local[2,4] offers 2 (executor cores / "
            + "spark.task.cpus); give --workers 2 or more cores (e.g. --master local[3], or more executors or "
            + "spark.executor.cores)");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    assertThat(dir.resolve("k3")).doesNotExist();
  }

  @Test
  void aBatchThatDoesNotSplitIsRefused() {
    assertThatThrownBy(() -> SparkTraining.train(SharedSpark.get(), vae(2, dir.resolve("odd"), "pure").batch(65)))
        .isInstanceOf(SparkInputException.class)
        .hasMessage("--batch 65 is not a multiple of --workers 2; give a global batch that splits evenly, e.g. "
            + "--batch 66");
  }

  @Test
  void aTakenRingPortIsNamed() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> SparkTraining.train(SharedSpark.get(), vae(1, dir.resolve("port"), "pure")
          .ring(port, 5))).hasMessage("training failed: rank 0: ring port " + port + " is taken on this host "
              + "(Address already in use); give --ring-port 0 (any free port) or a base port whose next ports are "
              + "free");
    }
  }
}
