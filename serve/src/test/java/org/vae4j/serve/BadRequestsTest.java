package org.vae4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vae4j.serve.model.Rows;

/**
 * Bad requests, a failing model, a full queue and a timeout: each gets its status and one line of JSON
 * {@code {"error": ...}} naming the problem, and the server keeps serving (checked after every case).
 */
class BadRequestsTest {
  private static final StubModel MODEL = new StubModel();
  private static ServeServer server;
  private static Http http;

  @BeforeAll
  static void serve() {
    ServeOptions o = ServeOptions.defaults().withWorkers(1, 2, 256).withLimits(64 * 1024, 8, 16, 8, 10, 10)
        .withTimeoutMillis(2_000);
    server = ServeServer.start(MODEL, null, o);
    http = new Http(server.uri(), null);
  }

  @AfterAll
  static void stop() {
    MODEL.release();
    server.close();
  }

  @AfterEach
  void stillServing() {
    MODEL.release();
    JsonObject b = new JsonObject();
    b.add("images", Http.array(Rows.of(new float[Fixtures.PIXELS], 1)));
    Http.Answer a = http.post("/reconstruct", b);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(http.get("/health").json().get("status").getAsString()).isEqualTo("ok");
  }

  private static void isOneLineError(Http.Answer a, int status, String... fragments) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.header("Content-Type")).startsWith("application/json");
    assertThat(a.body()).doesNotContain("\n");
    JsonObject o = a.json();
    assertThat(o.keySet()).containsExactly("error");
    assertThat(o.get("error").getAsString()).contains(fragments);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"images\": [[0.5, |400|not valid JSON",
      "[1, 2]|400|must be a JSON object",
      "{\"images\": [[0.5]]} trailing|400|not valid JSON",
      "{\"images\": []}|400|'images' is empty",
      "{}|400|no 'images'",
      "{\"images\": [[0.5, 0.5]]}|400|'images[0]' has 2 values; give 784",
      "{\"images\": 3}|400|'images' must be an array",
      "{\"images\": [[\"a\"]]}|400|has 1 values"})
  void malformedBodiesAre400(String body, int status, String fragment) {
    isOneLineError(http.post("/reconstruct", body), status, fragment);
  }

  @Test
  void valuesOutsideTheirRangeAre400() {
    float[] pixels = new float[Fixtures.PIXELS];
    pixels[5] = 2f;
    JsonObject b = new JsonObject();
    b.add("images", Http.array(Rows.of(pixels, 1)));
    isOneLineError(http.post("/reconstruct", b), 400, "'images[0][5]' is 2.0; give a number in [0.0, 1.0]");
    JsonObject s = new JsonObject();
    s.addProperty("n", 17);
    isOneLineError(http.post("/sample", s), 400, "'n' is 17; give a whole number in [1, 16]");
    s.addProperty("n", 1.5);
    isOneLineError(http.post("/sample", s), 400, "'n' must be a whole number");
    isOneLineError(http.post("/sample", "{\"n\": 2, \"labels\": [1, 0]}"), 400, "model stub takes no 'labels'");
  }

  @Test
  void tooManyImagesAre400() {
    JsonObject b = new JsonObject();
    b.add("images", Http.array(Rows.of(new float[9 * Fixtures.PIXELS], 9)));
    isOneLineError(http.post("/reconstruct", b), 400, "has 9 rows; send at most 8");
  }

  @Test
  void oversizeBodiesAre413() {
    String big = "{\"images\": [[" + "0.5,".repeat(20_000) + "0.5]]}";
    isOneLineError(http.post("/reconstruct", big), 413, "larger than 65536 bytes");
    String bigger = "{\"images\": [[" + "0.5,".repeat(30_000) + "0.5]]}"; // swallowed: under twice the limit
    for (int i = 0; i < 5; i++) {
      isOneLineError(http.post("/reconstruct", bigger), 413, "larger than 65536 bytes");
    }
  }

  @Test
  void unknownRoutesAre404AndWrongMethods405() {
    isOneLineError(http.get("/nothing/here"), 404, "no route /nothing/here");
    isOneLineError(http.get("/a/%2e%2e/%2e%2e/etc/passwd"), 400, "HTTP 400");   // Jetty refuses ambiguous paths
    isOneLineError(http.get("/reconstruct"), 405, "use POST");
    isOneLineError(http.post("/metrics", "{}"), 405, "use GET");
  }

  @Test
  void anOperationTheModelLacksIs400NamingWhatItHas() {
    isOneLineError(http.post("/encode", "{}"), 400, "model stub has no /encode; it serves /decode, /reconstruct, /sample");
  }

  @Test
  void aFailingModelIs500AndTheServerGoesOn() {
    isOneLineError(http.post("/sample", "{\"n\": 2}"), 500, "the model failed: the stub model broke on purpose");
    assertThat(http.get("/metrics").json().getAsJsonObject("routes").getAsJsonObject("/sample")
        .get("serverErrors").getAsLong()).isPositive();
  }

  @Test
  void aFullQueueIs503WithRetryAfterAndASlowModelTimesOut() {
    MODEL.hold();
    String z = "{\"latents\": [[0, 0]]}";
    List<CompletableFuture<Http.Answer>> waiting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {   // one runs (held), two wait: the queue's capacity
      waiting.add(CompletableFuture.supplyAsync(() -> http.post("/decode", z)));
      sleep(200);
    }
    Http.Answer refused = http.post("/decode", z);
    isOneLineError(refused, 503, "the server is busy: 2 requests are already waiting");
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    for (CompletableFuture<Http.Answer> w : waiting) {
      isOneLineError(w.join(), 503, "did not answer within 2000 ms");
    }
    assertThat(http.get("/metrics").json().getAsJsonObject("queue").get("rejected").getAsLong()).isPositive();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
