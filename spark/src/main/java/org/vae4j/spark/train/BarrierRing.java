package org.vae4j.spark.train;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.vae4j.spark.ring.RingAllReduce;

/**
 * The ring of a barrier stage's tasks: each task opens its port, the addresses are exchanged once with
 * {@code allGather} (about a second: Spark's barrier calls poll), and each joins its neighbours. A watchdog
 * closes the ring when Spark kills the task, so that a read blocked on a dead peer ends at once.
 */
public final class BarrierRing {
  private BarrierRing() {
  }

  /**
   * Joins the ring of the current barrier task.
   *
   * @param basePort rank r listens on {@code basePort + r}; 0 for any free port
   */
  public static RingAllReduce join(BarrierTaskContext ctx, int basePort, byte[] token, Duration timeout) {
    int rank = ctx.partitionId();
    ServerSocket server = RingAllReduce.listen(basePort == 0 ? 0 : basePort + rank, rank);
    String host = ctx.getTaskInfos()[rank].address();
    host = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
    List<String> addresses = Arrays.asList(ctx.allGather(host + ":" + server.getLocalPort()));
    RingAllReduce ring = RingAllReduce.join(rank, addresses, server, token, timeout);
    Thread watchdog = new Thread(() -> {
      try {
        while (!ctx.isInterrupted() && !ctx.isCompleted()) {
          Thread.sleep(200);
        }
        if (ctx.isInterrupted()) {
          ring.close();
        }
      } catch (InterruptedException done) {
        // the JVM is shutting down
      }
    }, "vae4j-ring-watchdog-" + rank);
    watchdog.setDaemon(true);
    watchdog.start();
    return ring;
  }
}
