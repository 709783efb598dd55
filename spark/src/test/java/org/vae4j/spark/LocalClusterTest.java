package org.vae4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.spark.score.ExecutorModelsProbe;
import org.vae4j.spark.score.ModelPackage;
import org.vae4j.spark.score.ScoreOptions;
import org.vae4j.spark.score.ScoreRequest;
import org.vae4j.spark.score.SparkScoring;
import org.vae4j.spark.train.RankResult;
import org.vae4j.spark.train.SparkTraining;
import org.vae4j.spark.train.TrainRequest;

/**
 * Training and scoring on {@code local-cluster[2,1,1024]}: a standalone master and two executor JVMs on this
 * machine, so the ring runs between processes and the model is rebuilt in each executor from the broadcast.
 * Runs in its own test JVM (surefire execution {@code local-cluster}): a JVM holds one SparkContext.
 * Needs {@code SPARK_HOME} to name a folder (an empty {@code jars/} is made in it) and
 * {@code SPARK_SCALA_VERSION=2.13}; the executors get this JVM's class path.
 */
class LocalClusterTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;

  @BeforeAll
  static void startCluster() throws IOException {
    String home = System.getenv("SPARK_HOME");
    assertThat(home).as("SPARK_HOME (set by the surefire execution)").isNotBlank();
    Files.createDirectories(Path.of(home, "jars"));
    spark = Sessions.start("local-cluster[2,1,1024]", "vae4j-local-cluster", Map.of("spark.ui.enabled", "false",
        "spark.executor.extraClassPath", System.getProperty("java.class.path"),
        "spark.executor.extraJavaOptions", "--add-modules=jdk.incubator.vector",
        "spark.driver.host", "127.0.0.1", "spark.sql.shuffle.partitions", "2"));
  }

  @AfterAll
  static void stopCluster() {
    spark.stop();
  }

  @Test
  void twoExecutorJvmsTrainIdenticallyAndScoreWhatOneProcessScores() {
    TrainRequest vae = new TrainRequest("vae", 2).epochs(1).batch(64).limit(640).hidden(64).latent(4)
        .backend("pure", null).logLikelihoodImages(0).ring(0, 60).out(dir.resolve("vae"));
    SparkTraining.Result trained = SparkTraining.train(spark, vae);
    assertThat(trained.ranks()).hasSize(2).extracting(RankResult::checksum).containsOnly(trained.ranks().get(0)
        .checksum());
    assertThat(trained.ranks()).extracting(RankResult::steps).containsOnly(10L);

    ScoreOptions options = new ScoreOptions(2, 3, 5, 100);
    String out = dir.resolve("scores").toString();
    SparkScoring.score(spark, new ScoreRequest(trained.folder(), "mnist-10k", out).backend("pure", null)
        .options(options));
    List<Row> rows = spark.read().parquet(out).orderBy("id").limit(64).collectAsList();
    double[] expected = ExecutorModelsProbe.logPx(ModelPackage.of(trained.folder(), "pure", null), 64, options);
    for (int i = 0; i < 64; i++) {
      assertThat(rows.get(i).getDouble(5)).as("log_px of row %d", i).isEqualTo(expected[i]);
    }
  }
}
