package org.vae4j.spark.bench;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.vae4j.core.Scope;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.examples.train.ModelUse;
import org.vae4j.spark.Sessions;
import org.vae4j.spark.bridge.ExamplesAdapter;
import org.vae4j.spark.ring.RingAllReduce;
import org.vae4j.spark.score.ScoreOptions;
import org.vae4j.spark.score.ScoreRequest;
import org.vae4j.spark.score.SparkScoring;
import org.vae4j.spark.score.Throughput;
import org.vae4j.spark.train.BarrierRing;
import org.vae4j.spark.train.RankResult;
import org.vae4j.spark.train.SparkTraining;
import org.vae4j.spark.train.StepTimes;
import org.vae4j.spark.train.TrainRequest;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * How data-parallel training and scoring scale, measured on this machine and projected to a cluster. Not a
 * test: {@code mvn verify} never runs it. Prints (and writes to {@code spark/target/scaling-<master>.md}):
 *
 * <ol>
 *   <li>ring all-reduce time against message size, 4 KB to 64 MiB, between two barrier tasks;</li>
 *   <li>latency and per-byte cost fitted to those times ({@code t = a + b * bytes});</li>
 *   <li>per training step of the 784-400-20 VAE (P = 652,824 parameters, global batch 128): computing,
 *       copying gradients, waiting and ring time, and the bytes rank 0 sent against {@code 2 (K-1)/K * 4(P+3)};</li>
 *   <li>a projection of step time and speed-up for K = 2..64 on a 10 Gb/s, 50 us network;</li>
 *   <li>scoring throughput in Spark against single-process {@code vae4j encode} and single-process scoring.</li>
 * </ol>
 *
 * Run it after {@code mvn -B -q -pl spark -am -DskipTests package test-compile}:
 * <pre>
 * java @spark/jvm.options -cp "spark/target/test-classes:spark/target/vae4j-spark-0.1.0-SNAPSHOT.jar:spark/target/lib/*:spark/target/spark-lib/*" \
 *   org.vae4j.spark.bench.ScalingBenchmark local[2]
 * SPARK_HOME=/tmp/empty-spark SPARK_SCALA_VERSION=2.13 java @spark/jvm.options -cp ... \
 *   org.vae4j.spark.bench.ScalingBenchmark local-cluster[2,1,2048]
 * </pre>
 */
public final class ScalingBenchmark {
  private static final int[] SIZES = {4 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20, 16 << 20, 64 << 20};
  private static final double NETWORK_BYTES_PER_SECOND = 10e9 / 8;
  private static final double NETWORK_LATENCY_SECONDS = 50e-6;

  private ScalingBenchmark() {
  }

  public static void main(String[] args) throws IOException {
    String master = args.length > 0 ? args[0] : "local[2]";
    Map<String, String> conf = new java.util.HashMap<>(Map.of("spark.ui.enabled", "false",
        "spark.driver.host", "127.0.0.1"));
    if (master.startsWith("local-cluster")) {
      Files.createDirectories(Path.of(System.getenv("SPARK_HOME"), "jars"));
      // the executors run in SPARK_HOME/work/...: they need this JVM's class path with absolute entries
      conf.put("spark.executor.extraClassPath", Arrays.stream(System.getProperty("java.class.path")
          .split(java.io.File.pathSeparator)).map(e -> Path.of(e).toAbsolutePath().toString())
          .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
      conf.put("spark.executor.extraJavaOptions", "--add-modules=jdk.incubator.vector");
    }
    SparkSession spark = Sessions.start(master, "vae4j scaling benchmark", conf);
    StringBuilder report = new StringBuilder("# vae4j on Spark: scaling, master " + master + "\n\n");
    try {
      double[][] sweep = allReduceSweep(spark);
      report.append(sweepTable(sweep));
      double[] fit = fit(sweep);
      report.append(String.format(Locale.ROOT, "%nFitted: latency a = %.3f ms per all-reduce, per-byte cost b = %.3f "
          + "ns/byte (%.2f GB/s effective)%n%n", fit[0], fit[1] * 1e6, 1 / (fit[1] * 1e6)));
      Path runs = Files.createTempDirectory("vae4j-scaling");
      SparkTraining.Result one = train(spark, 1, runs.resolve("k1"));
      SparkTraining.Result two = train(spark, 2, runs.resolve("k2"));
      report.append(stepTable(one, two));
      report.append(projection(one.ranks().get(0), two.ranks().get(0)));
      report.append(scoring(spark, two.folder(), runs));
    } finally {
      spark.stop();
    }
    System.out.println(report);
    Path out = Path.of("spark/target/scaling-" + master.replaceAll("[^A-Za-z0-9]+", "_") + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.println("written to " + out.toAbsolutePath());
  }

  /** Rows {bytes, median ms, bytes sent per call by rank 0}. */
  private static double[][] allReduceSweep(SparkSession spark) {
    byte[] token = new byte[32];
    new SecureRandom().nextBytes(token);
    List<Integer> ranks = List.of(0, 1);
    List<double[][]> out = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ranks, 2).rdd()
        .barrier().mapPartitions(new Sweep(token), false, ClassTag$.MODULE$.apply(double[][].class)).toJavaRDD()
        .collect();
    return out.stream().filter(r -> r.length > 0).findFirst().orElseThrow();
  }

  /** The sweep on one barrier task; rank 0 returns its times. */
  private static final class Sweep extends AbstractFunction1<scala.collection.Iterator<Integer>,
      scala.collection.Iterator<double[][]>> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] token;

    Sweep(byte[] token) {
      this.token = token;
    }

    @Override
    public scala.collection.Iterator<double[][]> apply(scala.collection.Iterator<Integer> ignored) {
      BarrierTaskContext ctx = BarrierTaskContext.get();
      try (RingAllReduce ring = BarrierRing.join(ctx, 0, token, Duration.ofSeconds(60))) {
        double[][] rows = new double[SIZES.length][];
        for (int s = 0; s < SIZES.length; s++) {
          float[] buffer = new float[SIZES[s] / 4];
          int reps = Math.max(5, Math.min(200, (64 << 20) / SIZES[s] / 4));
          for (int w = 0; w < 3; w++) {
            ring.sumInPlace(buffer);
          }
          double[] ms = new double[reps];
          long sentBefore = ring.bytesSent();
          for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            ring.sumInPlace(buffer);
            ms[r] = (System.nanoTime() - t0) / 1e6;
          }
          Arrays.sort(ms);
          rows[s] = new double[] {SIZES[s], ms[reps / 2], (ring.bytesSent() - sentBefore) / (double) reps};
        }
        double[][] mine = ring.rank() == 0 ? rows : new double[0][];
        return CollectionConverters.asScala(List.<double[][]>of(mine).iterator());
      }
    }
  }

  private static String sweepTable(double[][] rows) {
    StringBuilder b = new StringBuilder("## All-reduce between two barrier tasks (median of repeated calls)\n\n"
        + "| message | time (ms) | bytes sent by rank 0 per call | throughput (MB/s of message) |\n|---|---|---|---|\n");
    for (double[] r : rows) {
      b.append(String.format(Locale.ROOT, "| %s | %.3f | %,.0f | %.0f |%n", size((long) r[0]), r[1], r[2],
          r[0] / 1e6 / (r[1] / 1e3)));
    }
    return b.toString();
  }

  private static String size(long bytes) {
    return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
  }

  /**
   * {a, b} of {@code ms = a + b * bytes} by least squares on relative errors (weights 1 / ms^2), so that the
   * small messages, which fix the latency, count as much as the large ones, which fix the per-byte cost.
   */
  static double[] fit(double[][] rows) {
    double sw = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (double[] r : rows) {
      double w = 1 / (r[1] * r[1]);
      sw += w;
      sx += w * r[0];
      sy += w * r[1];
      sxx += w * r[0] * r[0];
      sxy += w * r[0] * r[1];
    }
    double b = (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
    return new double[] {(sy - b * sx) / sw, b};
  }

  private static SparkTraining.Result train(SparkSession spark, int workers, Path out) {
    return SparkTraining.train(spark, new TrainRequest("vae", workers).epochs(1).batch(128).limit(3840)
        .backend("pure", null).logLikelihoodImages(0).out(out));
  }

  private static String stepTable(SparkTraining.Result one, SparkTraining.Result two) {
    StringBuilder b = new StringBuilder("## One training step of the 784-400-20 VAE, global batch 128, pure backend\n\n"
        + "| workers | computing (ms) | copying gradients (ms) | waiting (ms) | ring (ms) | bytes sent by rank 0 per "
        + "step | 2(K-1)/K x 4(P+3) + 4 |\n|---|---|---|---|---|---|---|\n");
    for (SparkTraining.Result r : List.of(one, two)) {
      RankResult rank0 = r.ranks().get(0);
      StepTimes t = rank0.times();
      int k = r.ranks().size();
      long formula = k == 1 ? 0 : 2L * (k - 1) * 4 * (rank0.parameters() + 3) / k + 4;
      b.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f | %,d | %,d |%n", k, t.computeMs(),
          t.hostCopyMs(), t.waitingMs(), t.transferMs(), t.steps() == 0 ? 0 : t.bytesSent() / t.steps(), formula));
    }
    return b.append(String.format(Locale.ROOT, "%nP = %,d parameters; %d steps each.%n%n", one.ranks().get(0)
        .parameters(), one.ranks().get(0).steps())).toString();
  }

  /**
   * Step time {@code T(K) = C / K + H + 2 (K - 1) (alpha + 4 (P + 3) / (K beta))}: C the measured compute of a
   * step of the global batch on one worker (split evenly), H the measured gradient copy to and from the
   * backend, and the ring's 2(K - 1) messages of 4(P + 3)/K bytes at latency alpha and bandwidth beta.
   */
  private static String projection(RankResult one, RankResult two) {
    double c = one.times().computeMs() / 1e3;
    double h = two.times().hostCopyMs() / 1e3;
    long p = one.parameters() + 3;
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "## Projection on a 10 Gb/s, 50 us network\n\n"
        + "Model: T(K) = C / K + H + 2(K-1) (alpha + 4(P+3) / (K beta)), with C = %.1f ms (one worker's compute per "
        + "step of the global batch of 128, measured), H = %.1f ms (gradient copy, measured), P + 3 = %,d floats, "
        + "alpha = 50 us, beta = 1.25 GB/s; the global batch stays 128 (strong scaling). Speed-up = T(1) / T(K) with "
        + "T(1) = C.%n%n| K | compute (ms) | communication (ms) | step (ms) | speed-up |%n|---|---|---|---|---|%n",
        c * 1e3, h * 1e3, p));
    for (int k : new int[] {2, 4, 8, 16, 32, 64}) {
      double comm = 2.0 * (k - 1) * (NETWORK_LATENCY_SECONDS + 4.0 * p / k / NETWORK_BYTES_PER_SECOND);
      double step = c / k + h + comm;
      b.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.2f |%n", k, c / k * 1e3, (h + comm) * 1e3,
          step * 1e3, c / step));
    }
    return b.append('\n').toString();
  }

  private static String scoring(SparkSession spark, Path run, Path dir) {
    ImageDataset train = ExamplesAdapter.data("mnist-10k", 0, false, 0).train();
    int n = train.size();
    ScoreOptions options = new ScoreOptions(1, 0, 20, 256);
    double encodeRate = encodeRate(run, train);
    double localRate = Throughput.singleProcessRowsPerSecond(run, train, options);
    double sparkRate = 0;
    for (int pass = 0; pass < 2; pass++) { // the second job finds the model built and the code compiled
      long t0 = System.nanoTime();
      SparkScoring.score(spark, new ScoreRequest(run, "mnist-10k", dir.resolve("scores-" + pass).toString())
          .part("train").backend("pure", null).options(options));
      sparkRate = n / ((System.nanoTime() - t0) / 1e9);
    }
    return String.format(Locale.ROOT, "## Scoring %d images of the 784-400-20 VAE (k = 1), pure backend%n%n"
        + "| how | rows/s | ratio to vae4j encode |%n|---|---|---|%n"
        + "| single-process vae4j encode (latent means only, batches of 500) | %.0f | 1.00 |%n"
        + "| single-process scoring (all VAE columns, batches of 256) | %.0f | %.2f |%n"
        + "| Spark scoring in %s, as read (2 partitions), the whole second job (input, scoring, Parquet output) | %.0f | %.2f |%n%n",
        n, encodeRate, localRate, localRate / encodeRate, spark.sparkContext().master(), sparkRate,
        sparkRate / encodeRate);
  }

  /** Rows per second of what {@code vae4j encode} computes: latent means in batches of 500. */
  private static double encodeRate(Path run, ImageDataset images) {
    var loaded = Throughput.load(run);
    var config = ExamplesAdapter.config(run, "run");
    ModelUse use = ExamplesAdapter.recipe(config.spec().kind()).use(loaded.model(), config.spec(), loaded.tensors())
        .orElseThrow();
    long t0 = 0;
    for (int pass = 0; pass < 2; pass++) {
      t0 = System.nanoTime();
      for (int from = 0; from < images.size(); from += 500) {
        int to = Math.min(images.size(), from + 500);
        try (Scope s = Scope.open()) {
          use.encode(images.slice(from, to).images(), images.slice(from, to).labels(), to - from);
        }
      }
    }
    return images.size() / ((System.nanoTime() - t0) / 1e9);
  }
}
