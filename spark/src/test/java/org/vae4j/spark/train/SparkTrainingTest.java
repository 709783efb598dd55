package org.vae4j.spark.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.HostTensor;
import org.vae4j.spark.SharedSpark;

/** Data-parallel training in local[2]: one worker with batch B against two with B / 2. */
class SparkTrainingTest {
  @TempDir
  Path dir;

  private static TrainRequest vae(int workers, Path out) {
    // 1,280 images in global batches of 64: 20 steps in one epoch
    return new TrainRequest("vae", workers).out(out).epochs(1).batch(64).limit(1280).hidden(64).latent(8)
        .backend("pure", null).logLikelihoodImages(0).ring(0, 30);
  }

  static Map<String, HostTensor> parameters(Path run) throws IOException {
    return Checkpoint.read(run.resolve("model.safetensors")).parameters();
  }

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
  void twoWorkersWithHalfBatchesGiveTheParametersOfOneWorkerWithTheWholeBatch() throws IOException {
    SparkTraining.Result one = SparkTraining.train(SharedSpark.get(), vae(1, dir.resolve("k1")));
    SparkTraining.Result two = SparkTraining.train(SharedSpark.get(), vae(2, dir.resolve("k2")));
    assertThat(one.ranks()).singleElement().satisfies(r -> assertThat(r.steps()).isEqualTo(20));
    assertThat(two.ranks()).hasSize(2);
    assertThat(two.ranks().get(1).checksum()).as("rank 1's parameters, bit for bit").isEqualTo(two.ranks().get(0)
        .checksum());
    double rel = relativeDifference(parameters(one.folder()), parameters(two.folder()));
    assertThat(rel).as("||theta_K=2 - theta_K=1|| / ||theta_K=1|| after 20 steps").isLessThan(1e-5);
    assertThat(two.folder().resolve("metrics.csv")).exists();
    assertThat(two.folder().resolve("summary.json")).exists();
    assertThat(two.folder().resolve("reconstructions.png")).exists();
    System.out.println("relative difference K=1 vs K=2 after 20 steps: " + rel);
  }
}
