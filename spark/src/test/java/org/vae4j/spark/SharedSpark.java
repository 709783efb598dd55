package org.vae4j.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one {@code local[2,4]} SparkSession the tests of this module share (starting one takes seconds): two
 * task slots, and up to four attempts per task so that a barrier stage whose task fails is rerun.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {
  }

  /** The session, started on first use and stopped when the test JVM exits. */
  public static synchronized SparkSession get() {
    if (session == null) {
      session = Sessions.start("local[2,4]", "vae4j-tests", Map.of("spark.ui.enabled", "false",
          "spark.sql.shuffle.partitions", "2", "spark.driver.host", "127.0.0.1"));
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }
}
