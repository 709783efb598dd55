package org.vae4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vae4j serve} on runs trained by {@code vae4j train} (a VAE and a Bayesian classifier, seconds each):
 * it prints its address, answers on it until interrupted, and refuses bad options with exit code 2.
 */
class ServeCommandTest {
  private static final Pattern ADDRESS = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");

  @TempDir
  static Path shared;

  @BeforeAll
  static void train() {
    Cli c = new Cli();
    assertThat(c.run("train", "vae", "--backend", "pure", "--epochs", "1", "--limit", "100", "--batch", "50",
        "--hidden", "16", "--latent", "2", "--ll-images", "0", "--out", shared.resolve("vae").toString()))
        .as(c.err()).isZero();
    assertThat(c.run("train", "bnn", "--backend", "pure", "--epochs", "1", "--limit", "100", "--batch", "50",
        "--hidden", "16", "--ll-images", "0", "--out", shared.resolve("bnn").toString())).as(c.err()).isZero();
  }

  /** Runs {@code vae4j serve --run <run> --port 0 ...}, calls {@code check} with its address, then stops it. */
  private static void serving(String run, String[] extra, Check check) throws Exception {
    Cli cli = new Cli();
    AtomicInteger code = new AtomicInteger(-1);
    java.util.List<String> list = new java.util.ArrayList<>(java.util.List.of("serve", "--run",
        shared.resolve(run).toString(), "--port", "0", "--backend", "pure", "--examples", "5"));
    list.addAll(java.util.List.of(extra));
    String[] args = list.toArray(new String[0]);
    Thread server = new Thread(() -> code.set(cli.run(args)));
    server.start();
    String url = null;
    for (int i = 0; i < 600 && url == null && (i == 0 || server.isAlive()); i++) {
      Matcher m = ADDRESS.matcher(cli.out());
      url = m.find() ? m.group(1) : null;
      Thread.sleep(50);
    }
    try {
      assertThat(url).as("serve printed no address; it said: " + cli.err()).isNotNull();
      check.run(URI.create(url));
    } finally {
      server.interrupt();
      server.join(20_000);
    }
    assertThat(code.get()).as(cli.err()).isZero();
  }

  private interface Check {
    void run(URI base) throws Exception;
  }

  private static HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesAVaeRunWithItsTestImages() throws Exception {
    serving("vae", new String[0], base -> {
      assertThat(send(HttpRequest.newBuilder(base.resolve("/health")).build()).body()).contains("\"ok\"");
      String info = send(HttpRequest.newBuilder(base.resolve("/info")).build()).body();
      assertThat(info).contains("\"kind\":\"vae\"", "\"dimensions\":2", "\"backend\":\"pure\"");
      String examples = send(HttpRequest.newBuilder(base.resolve("/examples")).build()).body();
      assertThat(examples).contains("\"labels\":[");
      HttpResponse<String> decoded = send(HttpRequest.newBuilder(base.resolve("/decode"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"latents\": [[0.5, -0.5]]}")).build());
      assertThat(decoded.statusCode()).as(decoded.body()).isEqualTo(200);
    });
  }

  @Test
  void servesABayesianClassifierRunBehindAToken() throws Exception {
    Path token = shared.resolve("token");
    Files.writeString(token, "a-long-enough-secret-token\n");
    serving("bnn", new String[] {"--token-file", token.toString()}, base -> {
      String image = "[" + "0.0,".repeat(783) + "1.0]";
      HttpRequest.Builder predict = HttpRequest.newBuilder(base.resolve("/predict"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"images\": [" + image + "], \"samples\": 5}"));
      assertThat(send(predict.build()).statusCode()).isEqualTo(401);
      HttpResponse<String> r = send(predict.header("Authorization", "Bearer a-long-enough-secret-token").build());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).contains("\"mean\":[[", "\"std\":[[", "\"entropy\":[");
    });
  }

  @Test
  void badOptionsExitWithCode2() throws IOException {
    Path shortToken = shared.resolve("short-token");
    Files.writeString(shortToken, "short");
    Cli c = new Cli();
    assertThat(c.run("serve", "--run", shared.resolve("vae").toString(), "--token-file", shortToken.toString()))
        .isEqualTo(2);
    assertThat(c.err()).contains("--token-file", "at least 16 characters");
    assertThat(c.run("serve", "--run", shared.resolve("nothing").toString())).isEqualTo(2);
    assertThat(c.err()).contains("--run", "does not exist");
    assertThat(c.run("serve", "--run", shared.resolve("vae").toString(), "--cors-origin", "not an origin"))
        .isEqualTo(2);
    assertThat(c.err()).contains("--cors-origin", "scheme://host");
  }
}
