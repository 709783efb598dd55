package org.vae4j.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the SparkSession of a vae4j job, refusing in seconds what would otherwise hang: a standalone master
 * that does not answer, and (with {@link #checkSlots}) a barrier stage wider than the cluster, for which
 * Spark's own check is set to give up after one try instead of retrying for minutes.
 */
public final class Sessions {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:\\s*,\\s*(\\d+))?])?");
  private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");
  private static final int CONNECT_MILLIS = 3000;

  private Sessions() {
  }

  /**
   * The session for {@code master} (null: whatever spark-submit configured), with {@code extra} settings.
   *
   * @throws SparkInputException when a {@code spark://} master does not accept a connection within 3 s
   */
  public static SparkSession start(String master, String appName, Map<String, String> extra) {
    if (master != null) {
      checkReachable(master);
    }
    // Spark checks a barrier stage's slots against the executors registered so far: on a local master they are
    // all there at once, on a cluster they may still be registering, so it gets a few seconds there.
    boolean local = slotsOf(master) > 0;
    SparkSession.Builder b = SparkSession.builder().appName(appName)
        .config("spark.scheduler.barrier.maxConcurrentTasksCheck.maxFailures", local ? "1" : "5")
        .config("spark.scheduler.barrier.maxConcurrentTasksCheck.interval", local ? "1s" : "2s");
    if (master != null) {
      b.master(master);
    }
    extra.forEach(b::config);
    if (SparkSession.getDefaultSession().isDefined() && SparkSession.getDefaultSession().get().sparkContext()
        .isStopped()) {
      SparkSession.clearDefaultSession(); // a stopped session would be handed back by getOrCreate
      SparkSession.clearActiveSession();
    }
    SparkSession spark = b.getOrCreate();
    waitForLocalClusterExecutors(spark.sparkContext());
    return spark;
  }

  private static void checkReachable(String master) {
    if (!master.startsWith("spark://")) {
      return;
    }
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      int port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
        return;
      } catch (IOException | IllegalArgumentException e) {
        if (!master.contains(",")) {
          throw new SparkInputException("--master " + master + ": cannot reach " + host + ":" + port + " within "
              + CONNECT_MILLIS / 1000 + " s (" + e.getMessage() + "); start the Spark master there, or give "
              + "--master local[2] to run on this machine");
        }
      }
    }
    throw new SparkInputException("--master " + master + ": none of its masters answered within "
        + CONNECT_MILLIS / 1000 + " s; start one, or give --master local[2]");
  }

  /** Task slots the master offers, when its name says (local, local-cluster); -1 when it does not. */
  static int slotsOf(String master) {
    if (master == null) {
      return -1;
    }
    Matcher m = LOCAL.matcher(master.trim());
    if (m.matches()) {
      if (m.group(1) == null) {
        return 1;
      }
      return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }
    Matcher c = LOCAL_CLUSTER.matcher(master.trim());
    if (c.matches()) {
      return Integer.parseInt(c.group(1)) * Integer.parseInt(c.group(2));
    }
    return -1;
  }

  /**
   * Refuses, on a local master, a barrier stage of {@code workers} tasks that it cannot run at once (on other
   * masters Spark's own check, set by {@link #start} to give up within seconds, does).
   *
   * @throws SparkInputException naming both numbers and the setting to change
   */
  public static void checkSlots(SparkContext sc, int workers) {
    int slots = slotsOf(sc.master());
    if (slots <= 0) {
      return; // a cluster manager's executors may still be registering: Spark's own check decides
    }
    slots /= sc.getConf().getInt("spark.task.cpus", 1);
    if (workers > slots) {
      throw tooFewSlots(sc, workers, slots);
    }
  }

  /** Spark refused the stage for want of slots: the same one-line message. */
  public static SparkInputException tooFewSlotsMessage(SparkContext sc, int workers, Throwable cause) {
    int taskCpus = sc.getConf().getInt("spark.task.cpus", 1);
    SparkInputException e = tooFewSlots(sc, workers, sc.defaultParallelism() / taskCpus);
    e.initCause(cause);
    return e;
  }

  /** The message for a stage of {@code workers} tasks on a cluster of {@code slots} slots. */
  static SparkInputException tooFewSlots(SparkContext sc, int workers, int slots) {
    return new SparkInputException("--workers " + workers + " needs " + workers + " task slots at once, but master "
        + sc.master() + " offers " + slots + " (executor cores / spark.task.cpus); give --workers " + Math.max(1, slots)
        + " or more cores (e.g. --master local[" + workers + "], or more executors or spark.executor.cores)");
  }

  private static void waitForLocalClusterExecutors(SparkContext sc) {
    Matcher c = LOCAL_CLUSTER.matcher(sc.master());
    if (!c.matches()) {
      return;
    }
    int expected = Integer.parseInt(c.group(1));
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (sc.statusTracker().getExecutorInfos().length - 1 < expected) {
      if (System.nanoTime() > deadline) {
        throw new SparkInputException("--master " + sc.master() + ": " + (sc.statusTracker().getExecutorInfos().length
            - 1) + " of " + expected + " executors registered within 120 s; read their stderr under $SPARK_HOME/work "
            + "(a class path with relative entries, or too little memory, keeps them from starting)");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
