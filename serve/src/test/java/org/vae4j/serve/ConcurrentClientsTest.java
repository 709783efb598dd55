package org.vae4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.nn.Activation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.models.Likelihood;
import org.vae4j.models.Vae;
import org.vae4j.serve.model.Rows;
import org.vae4j.serve.model.ServedModels;

/**
 * Many clients at once on every backend: 8 threads send 20 requests each (reconstructions, encodings and
 * seeded samples of different images, some merged into batches by the server) to 3 workers sharing one
 * model, and every answer must be the one the library gives for that request alone. Correctness only; the
 * speed is measured by {@link org.vae4j.serve.bench.ServeLoadBenchmark}.
 */
class ConcurrentClientsTest {
  private static final int CLIENTS = 8;
  private static final int REQUESTS = 20;
  private static final int DISTINCT = 10;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pure", "nd4j", "djl"})
  void everyAnswerIsRightUnderConcurrentClients(String backend) throws Exception {
    TensorFactory f = Fixtures.tensors(backend);
    Rows images = Fixtures.discs(DISTINCT, 17);
    try (Vae vae = Vae.mlp(Shape.of(Fixtures.PIXELS), 64, 4, Activation::relu, Likelihood.bernoulli(),
        ParameterFactory.of(f, PhiloxStream.seeded(2)))) {
      float[][] recon = new float[DISTINCT][];
      float[][] mean = new float[DISTINCT][];
      float[][] sample = new float[DISTINCT][];
      for (int i = 0; i < DISTINCT; i++) {
        try (Scope s = Scope.open()) {
          var x = f.of(images.row(i), Shape.of(1, Fixtures.PIXELS));
          recon[i] = vae.reconstruct(x).toFloatArray();
          mean[i] = vae.encodeMean(x).toFloatArray();
          sample[i] = vae.sample(2, PhiloxStream.seeded(i)).toFloatArray();
        }
      }
      ServeOptions o = ServeOptions.defaults().withWorkers(3, 64, 256);
      try (ServeServer server = ServeServer.start(ServedModels.of(vae, Fixtures.info("vae"), 0), null, o)) {
        Http http = new Http(server.uri(), null);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          results.add(pool.submit(() -> {
            int answered = 0;
            for (int r = 0; r < REQUESTS; r++) {
              int i = (client * 3 + r) % DISTINCT;
              JsonObject body = new JsonObject();
              String route;
              float[] expected;
              if (r % 3 == 0) {
                route = "/sample";
                body.addProperty("n", 2);
                body.addProperty("seed", i);
                expected = sample[i];
              } else {
                route = r % 3 == 1 ? "/reconstruct" : "/encode";
                body.add("images", Http.array(images.rows(i, i + 1)));
                expected = r % 3 == 1 ? recon[i] : mean[i];
              }
              Http.Answer a = http.post(route, body);
              assertThat(a.status()).as(a.body()).isEqualTo(200);
              float[] got = Http.floats(a.json().get(route.equals("/encode") ? "mean" : "images"));
              assertThat(got).as("%s of image %d on %s", route, i, backend).containsExactly(expected, within(1e-5f));
              answered++;
            }
            return answered;
          }));
        }
        int total = 0;
        for (Future<Integer> r : results) {
          total += r.get();
        }
        pool.shutdown();
        assertThat(total).isEqualTo(CLIENTS * REQUESTS);
        JsonObject routes = http.get("/metrics").json().getAsJsonObject("routes");
        assertThat(routes.getAsJsonObject("/reconstruct").get("serverErrors").getAsLong()).isZero();
      }
    }
  }
}
