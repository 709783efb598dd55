package org.vae4j.serve.http;

import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.vae4j.serve.exec.InferenceQueue;

/**
 * Request counts, errors and latency percentiles per route, for {@code GET /metrics}. Latencies are those of
 * the last {@value #WINDOW} requests of each route (a sliding window), from the request's arrival to its
 * answer. Thread-safe.
 */
final class Metrics {
  static final int WINDOW = 2048;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final long startNanos = System.nanoTime();

  /** Records one answered request. Unknown paths are counted under {@code other}. */
  void record(String route, int status, long nanos) {
    routes.computeIfAbsent(route, r -> new Route()).record(status, nanos);
  }

  /** A JSON snapshot, with the queue's figures. */
  JsonObject snapshot(InferenceQueue queue) {
    JsonObject o = new JsonObject();
    o.addProperty("uptimeSeconds", (System.nanoTime() - startNanos) / 1e9);
    JsonObject r = new JsonObject();
    long requests = 0;
    long errors = 0;
    for (Map.Entry<String, Route> e : new TreeMap<>(routes).entrySet()) {
      JsonObject one = e.getValue().snapshot();
      requests += one.get("requests").getAsLong();
      errors += one.get("clientErrors").getAsLong() + one.get("serverErrors").getAsLong();
      r.add(e.getKey(), one);
    }
    o.addProperty("requests", requests);
    o.addProperty("errors", errors);
    o.add("routes", r);
    JsonObject q = new JsonObject();
    q.addProperty("depth", queue.depth());
    q.addProperty("capacity", queue.capacity());
    q.addProperty("workers", queue.workers());
    q.addProperty("rejected", queue.rejected());
    q.addProperty("batches", queue.batches());
    q.addProperty("meanRequestsPerBatch", queue.batches() == 0 ? 0 : (double) queue.batchedJobs() / queue.batches());
    o.add("queue", q);
    return o;
  }

  private static final class Route {
    private final long[] window = new long[WINDOW];
    private long requests;
    private long clientErrors;
    private long serverErrors;

    synchronized void record(int status, long nanos) {
      window[(int) (requests % WINDOW)] = nanos;
      requests++;
      if (status >= 500) {
        serverErrors++;
      } else if (status >= 400) {
        clientErrors++;
      }
    }

    synchronized JsonObject snapshot() {
      JsonObject o = new JsonObject();
      o.addProperty("requests", requests);
      o.addProperty("clientErrors", clientErrors);
      o.addProperty("serverErrors", serverErrors);
      int n = (int) Math.min(requests, WINDOW);
      if (n > 0) {
        long[] sorted = Arrays.copyOf(window, n);
        Arrays.sort(sorted);
        JsonObject ms = new JsonObject();
        ms.addProperty("p50", percentile(sorted, 0.50));
        ms.addProperty("p90", percentile(sorted, 0.90));
        ms.addProperty("p99", percentile(sorted, 0.99));
        ms.addProperty("max", sorted[n - 1] / 1e6);
        o.add("latencyMillis", ms);
      }
      return o;
    }

    /** The nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, double p) {
      int rank = (int) Math.ceil(p * sorted.length);
      return sorted[Math.max(0, rank - 1)] / 1e6;
    }
  }
}
