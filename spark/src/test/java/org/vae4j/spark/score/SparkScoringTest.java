package org.vae4j.spark.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.core.Scope;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.examples.train.ModelUse;
import org.vae4j.spark.SharedSpark;
import org.vae4j.spark.SparkInputException;
import org.vae4j.spark.bridge.ExamplesAdapter;
import org.vae4j.spark.train.SparkTraining;
import org.vae4j.spark.train.TrainRequest;

/**
 * Scoring in local[2] against scoring in one process: two partitionings, Parquet with binary and with
 * array columns, the SQL function, and every bad input.
 */
class SparkScoringTest {
  private static final ScoreOptions OPTIONS = new ScoreOptions(10, 7, 5, 64);

  @TempDir
  static Path dir;

  static Path vae;
  static Path bnn;
  static Path vq;
  private static ImageDataset test;

  @BeforeAll
  static void trainSmallRuns() {
    SparkSession spark = SharedSpark.get();
    vae = SparkTraining.train(spark, small("vae").out(dir.resolve("vae"))).folder();
    bnn = SparkTraining.train(spark, small("bnn").out(dir.resolve("bnn"))).folder();
    vq = SparkTraining.train(spark, small("vqvae").limit(128).out(dir.resolve("vq"))).folder();
  }

  private static TrainRequest small(String kind) {
    return new TrainRequest(kind, 1).epochs(1).batch(64).limit(512).hidden(64).latent(4).backend("pure", null)
        .logLikelihoodImages(0);
  }

  private static LoadedModel load(Path run) {
    return ExecutorModels.get(ModelPackage.of(run, "pure", null));
  }

  /** The embedded MNIST's test images, read once. */
  private static ImageDataset testImages() {
    if (test == null) {
      test = ExamplesAdapter.data("mnist-10k", 0, false, 0).test();
    }
    return test;
  }

  private static long[] ids(int n) {
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    return ids;
  }

  private static ScoredBatch scoreInOneProcess(Path run, int n, int batch) {
    LoadedModel m = load(run);
    ImageDataset test = testImages();
    List<ScoredBatch> parts = new ArrayList<>();
    for (int from = 0; from < n; from += batch) {
      int to = Math.min(n, from + batch);
      long[] ids = Arrays.copyOfRange(ids(n), from, to);
      parts.add(RowScorer.score(m, ids, test.slice(from, to).images(), test.slice(from, to).labels(), OPTIONS));
    }
    return concat(parts);
  }

  private static ScoredBatch concat(List<ScoredBatch> parts) {
    int rows = parts.stream().mapToInt(ScoredBatch::rows).sum();
    return new ScoredBatch(rows, floats(parts.stream().map(ScoredBatch::zMean)), floats(parts.stream()
        .map(ScoredBatch::zLogVar)), doubles(parts.stream().map(ScoredBatch::negativeElbo)),
        doubles(parts.stream().map(ScoredBatch::logPx)), ints(parts.stream().map(ScoredBatch::codes)),
        floats(parts.stream().map(ScoredBatch::probabilities)), floats(parts.stream().map(ScoredBatch::predictiveStd)),
        ints(parts.stream().map(ScoredBatch::predicted)));
  }

  private static float[] floats(Stream<float[]> s) {
    List<float[]> l = s.toList();
    if (l.get(0) == null) {
      return null;
    }
    float[] out = new float[l.stream().mapToInt(a -> a.length).sum()];
    int at = 0;
    for (float[] a : l) {
      System.arraycopy(a, 0, out, at, a.length);
      at += a.length;
    }
    return out;
  }

  private static double[] doubles(Stream<double[]> s) {
    List<double[]> l = s.toList();
    return l.get(0) == null ? null : l.stream().flatMapToDouble(Arrays::stream).toArray();
  }

  private static int[] ints(Stream<int[]> s) {
    List<int[]> l = s.toList();
    return l.get(0) == null ? null : l.stream().flatMapToInt(Arrays::stream).toArray();
  }

  @Test
  void aRowsScoresDoNotDependOnItsBatchOnPure() {
    ScoredBatch whole = scoreInOneProcess(vae, 50, 50);
    ScoredBatch pieces = scoreInOneProcess(vae, 50, 7);
    assertThat(pieces.zMean()).containsExactly(whole.zMean());
    assertThat(pieces.zLogVar()).containsExactly(whole.zLogVar());
    assertThat(pieces.negativeElbo()).containsExactly(whole.negativeElbo());
    assertThat(pieces.logPx()).containsExactly(whole.logPx());
    ScoredBatch b1 = scoreInOneProcess(bnn, 30, 30);
    ScoredBatch b2 = scoreInOneProcess(bnn, 30, 4);
    assertThat(b2.probabilities()).containsExactly(b1.probabilities());
    assertThat(b2.predictiveStd()).containsExactly(b1.predictiveStd());
  }

  @Test
  void latentMeansAndCodesEqualWhatTheEncodeCommandComputes() {
    int n = 40;
    ImageDataset test = testImages();
    for (Path run : new Path[] {vae, vq}) {
      LoadedModel m = load(run);
      var config = ExamplesAdapter.config(run, "run");
      ModelUse use = ExamplesAdapter.recipe(config.spec().kind()).use(m.model(), config.spec(), m.tensors()).get();
      float[] encoded;
      try (Scope s = Scope.open()) {
        encoded = use.encode(test.slice(0, n).images(), test.slice(0, n).labels(), n);
      }
      ScoredBatch scored = scoreInOneProcess(run, n, 13);
      if (run == vae) {
        assertThat(scored.zMean()).containsExactly(encoded);
      } else {
        float[] codes = new float[scored.codes().length];
        for (int i = 0; i < codes.length; i++) {
          codes[i] = scored.codes()[i];
        }
        assertThat(codes).containsExactly(encoded);
      }
    }
  }

  private static List<Row> scoreWithSpark(Path run, String input, int partitions, String output) {
    SparkScoring.Result r = SparkScoring.score(SharedSpark.get(), new ScoreRequest(run, input, output)
        .partitions(partitions).backend("pure", null).options(OPTIONS));
    assertThat(r.rows()).isEqualTo(1000);
    return SharedSpark.get().read().parquet(output).orderBy("id").collectAsList();
  }

  @Test
  void sparkScoringEqualsScoringInOneProcessUnderTwoPartitionings() {
    ScoredBatch expected = scoreInOneProcess(vae, 1000, 250);
    for (int partitions : new int[] {1, 3}) {
      List<Row> rows = scoreWithSpark(vae, "mnist-10k", partitions, dir.resolve("vae-" + partitions).toString());
      int latent = 4;
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get(i);
        assertThat(row.getLong(0)).isEqualTo(i);
        assertThat(row.getInt(1)).isEqualTo(testImages().label(i));
        List<Float> zMean = row.getList(2);
        for (int j = 0; j < latent; j++) {
          assertThat(zMean.get(j)).isEqualTo(expected.zMean()[i * latent + j]);
        }
        assertThat(row.getDouble(4)).as("neg_elbo of row %d", i).isEqualTo(expected.negativeElbo()[i]);
        assertThat(row.getDouble(5)).as("log_px of row %d", i).isEqualTo(expected.logPx()[i]);
      }
    }
  }

  @Test
  void vqVaeAndBayesianRunsWriteTheirColumns() {
    List<Row> codes = scoreWithSpark(vq, "mnist-10k", 2, dir.resolve("vq-out").toString());
    assertThat(codes.get(0).schema().fieldNames()).containsExactly("id", "label", "codes");
    assertThat(codes.get(0).<Integer>getList(2)).hasSize(49).allSatisfy(c -> assertThat(c).isBetween(0, 63));
    List<Row> bayes = scoreWithSpark(bnn, "mnist-10k", 2, dir.resolve("bnn-out").toString());
    assertThat(bayes.get(0).schema().fieldNames()).containsExactly("id", "label", "probabilities", "predictive_std",
        "predicted");
    ScoredBatch expected = scoreInOneProcess(bnn, 1000, 1000);
    for (int i = 0; i < 1000; i += 97) {
      List<Float> p = bayes.get(i).getList(2);
      assertThat(p.stream().mapToDouble(Float::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.data.Offset
          .offset(1e-5));
      assertThat(p.get(3)).isEqualTo(expected.probabilities()[i * 10 + 3]);
      assertThat(bayes.get(i).getInt(4)).isEqualTo(expected.predicted()[i]);
    }
  }

  /** The first {@code n} test images as a Parquet table with a binary image column (one byte per pixel). */
  private static String binaryTable(int n, int bytesPerImage, String name) {
    ImageDataset test = testImages();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[bytesPerImage];
      float[] image = test.image(i);
      for (int j = 0; j < Math.min(bytesPerImage, image.length); j++) {
        b[j] = (byte) Math.round(image[j] * 255f);
      }
      rows.add(RowFactory.create(100L + i, b));
    }
    Dataset<Row> df = SharedSpark.get().createDataFrame(rows, DataTypes.createStructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.LongType, false),
        DataTypes.createStructField("pixels", DataTypes.BinaryType, false)}));
    String path = dir.resolve(name).toString();
    df.write().parquet(path);
    return path;
  }

  @Test
  void aParquetTableWithABinaryColumnAndTheSqlFunctionGiveTheSameScores() {
    String table = binaryTable(30, 784, "binary.parquet");
    String out = dir.resolve("binary-scores").toString();
    SparkScoring.score(SharedSpark.get(), new ScoreRequest(vae, table, out).columns("pixels", "id", null)
        .backend("pure", null).options(OPTIONS));
    List<Row> scored = SharedSpark.get().read().parquet(out).orderBy("id").collectAsList();
    assertThat(scored).hasSize(30);
    assertThat(scored.get(0).schema().fieldNames()).containsExactly("id", "z_mean", "z_logvar", "neg_elbo", "log_px");
    assertThat(scored.get(0).getLong(0)).isEqualTo(100L);

    ScoreSql.register(SharedSpark.get(), "vae_score", ModelPackage.of(vae, "pure", null), OPTIONS);
    SharedSpark.get().read().parquet(table).createOrReplaceTempView("digits");
    List<Row> sql = SharedSpark.get().sql("SELECT id, vae_score(id, pixels).log_px AS log_px FROM digits ORDER BY id")
        .collectAsList();
    for (int i = 0; i < 30; i++) {
      assertThat(sql.get(i).getDouble(1)).as("log_px of row %d from SQL", i).isEqualTo(scored.get(i).getDouble(4));
    }
  }

  @Test
  void aTableWithoutTheImageColumnIsRefusedNamingItsColumns() {
    String table = binaryTable(3, 784, "no-image.parquet");
    assertThatThrownBy(() -> SparkScoring.score(SharedSpark.get(), new ScoreRequest(vae, table,
        dir.resolve("never").toString()))).isInstanceOf(SparkInputException.class)
        .hasMessage("the input table has no image column 'image' (its columns: id, pixels); name it with "
            + "--image-column");
  }

  @Test
  void rowsOfTheWrongLengthFailTheJobNamingColumnRowAndLengthAndLeaveNoTable() throws IOException {
    String table = binaryTable(20, 700, "short.parquet");
    Path out = dir.resolve("short-scores");
    assertThatThrownBy(() -> SparkScoring.score(SharedSpark.get(), new ScoreRequest(vae, table, out.toString())
        .columns("pixels", "id", null).backend("pure", null).options(OPTIONS)))
        .isInstanceOf(SparkInputException.class)
        .hasMessageMatching("row 1\\d\\d of column 'pixels' has 700 bytes; the model reads 784 bytes per image");
    assertThat(out).doesNotExist();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(f -> f.contains("short-scores"));
    }
  }

  @Test
  void anExistingOutputIsNeverOverwritten() throws IOException {
    Path out = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(out.resolve("keep.txt"), "mine");
    assertThatThrownBy(() -> SparkScoring.score(SharedSpark.get(), new ScoreRequest(vae, "mnist-10k",
        out.toString()))).isInstanceOf(SparkInputException.class)
        .hasMessage("--output " + out + " already exists; scoring never overwrites a table, give a new path");
    assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
  }

  @Test
  void aMissingOrCorruptRunFolderIsRefused() throws IOException {
    Path missing = dir.resolve("no-such-run");
    assertThatThrownBy(() -> SparkScoring.score(SharedSpark.get(), new ScoreRequest(missing, "mnist-10k",
        dir.resolve("x").toString()))).hasMessage("--run " + missing + " does not exist; give a run folder written "
            + "by 'vae4j train' or the model.safetensors inside one");
    Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
    Files.copy(vae.resolve("run.json"), corrupt.resolve("run.json"));
    byte[] ckpt = Files.readAllBytes(vae.resolve("model.safetensors"));
    Files.write(corrupt.resolve("model.safetensors"), Arrays.copyOf(ckpt, ckpt.length / 2));
    assertThatThrownBy(() -> SparkScoring.score(SharedSpark.get(), new ScoreRequest(corrupt, "mnist-10k",
        dir.resolve("y").toString()))).hasMessageStartingWith("--run " + corrupt + ": the checkpoint ")
        .hasMessageContaining("is damaged or not a vae4j checkpoint");
  }
}
