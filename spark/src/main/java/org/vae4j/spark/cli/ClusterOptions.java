package org.vae4j.spark.cli;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.vae4j.spark.Sessions;
import picocli.CommandLine.Option;

/** {@code --master}, {@code --backend}, {@code --device}: where the job runs and computes. */
final class ClusterOptions {
  @Option(names = "--master", paramLabel = "<url>",
      description = "Spark master: local[2], local[2,4] (4 attempts per task), local-cluster[2,1,1024], spark://host:7077,"
          + " yarn, ... Default: the spark.master spark-submit set, else local[2].")
  String master;

  @Option(names = "--backend", paramLabel = "<name>",
      description = "vae4j backend on the executors: pure, nd4j or djl. Default: the highest priority found.")
  String backend;

  @Option(names = "--device", paramLabel = "<device>", description = "cpu, gpu or gpu:N. Default: the backend's.")
  String device;

  /** The session: spark-submit's when it set a master and none was given, else one for {@code --master}. */
  SparkSession session(String appName) {
    String m = master;
    if (m == null && System.getProperty("spark.master") == null) {
      m = "local[2]";
    }
    return Sessions.start(m, appName, Map.of());
  }
}
