package org.vae4j.serve.bench;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.models.Vae;
import org.vae4j.serve.Fixtures;
import org.vae4j.serve.Http;
import org.vae4j.serve.ServeOptions;
import org.vae4j.serve.ServeServer;
import org.vae4j.serve.model.Rows;
import org.vae4j.serve.model.ServedModels;

/**
 * A bounded load test of {@code vae4j serve} on loopback: for each backend, pytorch/examples' 784-400-20 VAE
 * (seeded weights) behind a server with 2 workers, {@code clients} concurrent clients each sending
 * {@code requests} {@code POST /reconstruct} and {@code /encode} of one image, every answer checked against
 * the library's for that image (to 1e-5: a merged batch may round differently), with batching on and off.
 * Prints requests per second and client-side latency percentiles. Stops by itself; sends traffic to
 * 127.0.0.1 only.
 *
 * <pre>{@code
 * mvn -B -q -pl serve -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
 *     -Dmdep.includeScope=test
 * OMP_WAIT_POLICY=PASSIVE java --add-modules jdk.incubator.vector \
 *     -cp serve/target/test-classes:serve/target/classes:$(cat serve/target/bench.cp) \
 *     org.vae4j.serve.bench.ServeLoadBenchmark [clients] [requests per client] [backends...]
 * }</pre>
 */
public final class ServeLoadBenchmark {
  private static final int DISTINCT = 32;
  private static final double TOLERANCE = 1e-5;

  private ServeLoadBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    List<String> backends = args.length > 2 ? Arrays.asList(args).subList(2, args.length)
        : List.of("pure", "nd4j", "djl");
    System.out.printf(Locale.ROOT, "%d clients x %d requests, 784-400-20 VAE, 2 workers, one image a request%n",
        clients, requests);
    System.out.println("backend | batching | requests | wrong | errors | req/s | p50 ms | p90 ms | p99 ms | "
        + "requests per batch");
    for (String backend : backends) {
      TensorFactory f = Fixtures.tensors(backend);
      try (Vae vae = Vae.pytorchExample(ParameterFactory.of(f, PhiloxStream.seeded(1)))) {
        Rows images = Fixtures.discs(DISTINCT, 3);
        float[][] reconstructions = new float[DISTINCT][];
        float[][] means = new float[DISTINCT][];
        for (int i = 0; i < DISTINCT; i++) {
          try (Scope s = Scope.open()) {
            var x = f.of(images.row(i), Shape.of(1, Fixtures.PIXELS));
            reconstructions[i] = vae.reconstruct(x).toFloatArray();
            means[i] = vae.encodeMean(x).toFloatArray();
          }
        }
        for (int maxBatch : new int[] {256, 1}) {
          ServeOptions o = ServeOptions.defaults().withWorkers(2, 4 * clients, maxBatch);
          try (ServeServer server = ServeServer.start(ServedModels.of(vae, Fixtures.info("vae"), 0), null, o)) {
            run(backend, maxBatch > 1, server, clients, requests, images, reconstructions, means);
          }
        }
      }
    }
  }

  private static void run(String backend, boolean batching, ServeServer server, int clients, int requests,
      Rows images, float[][] reconstructions, float[][] means) throws Exception {
    Http http = new Http(server.uri(), null);
    warmUp(http, images);
    AtomicInteger wrong = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long[] latencies = new long[clients * requests];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      done.add(pool.submit(() -> {
        for (int r = 0; r < requests; r++) {
          int i = (client * 7 + r * 13) % DISTINCT;
          boolean encode = r % 2 == 1;
          JsonObject body = new JsonObject();
          body.add("images", Http.array(images.rows(i, i + 1)));
          long t = System.nanoTime();
          Http.Answer a = http.post(encode ? "/encode" : "/reconstruct", body);
          latencies[client * requests + r] = System.nanoTime() - t;
          if (a.status() != 200) {
            errors.incrementAndGet();
            continue;
          }
          float[] got = Http.floats(a.json().get(encode ? "mean" : "images"));
          if (!close(got, encode ? means[i] : reconstructions[i])) {
            wrong.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    JsonObject queue = http.get("/metrics").json().getAsJsonObject("queue");
    Arrays.sort(latencies);
    System.out.printf(Locale.ROOT, "%s | %s | %d | %d | %d | %.0f | %.1f | %.1f | %.1f | %.2f%n", backend,
        batching ? "on" : "off", latencies.length, wrong.get(), errors.get(), latencies.length / seconds,
        pct(latencies, 0.5), pct(latencies, 0.9), pct(latencies, 0.99),
        queue.get("meanRequestsPerBatch").getAsDouble());
  }

  private static void warmUp(Http http, Rows images) {
    JsonObject body = new JsonObject();
    body.add("images", Http.array(images.rows(0, 1)));
    for (int i = 0; i < 300; i++) {
      http.post("/reconstruct", body);
    }
  }

  private static boolean close(float[] got, float[] expected) {
    if (got.length != expected.length) {
      return false;
    }
    for (int i = 0; i < got.length; i++) {
      if (!(Math.abs(got[i] - expected[i]) <= TOLERANCE)) {
        return false;
      }
    }
    return true;
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
