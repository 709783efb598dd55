package org.vae4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bearer token on every route but {@code /health} and the page's files, the refusal of other origins
 * (with one allowed by {@code --cors-origin}), and of a foreign {@code Host} on a loopback server.
 */
class AccessTest {
  private static final String TOKEN = "s3cret-token-for-the-tests";
  private static final String ALLOWED = "https://allowed.example";
  private static final StubModel MODEL = new StubModel();
  private static ServeServer server;
  private static Http anonymous;
  private static Http wrong;
  private static Http authorized;

  @BeforeAll
  static void serve() {
    server = ServeServer.start(MODEL, null, ServeOptions.defaults().withToken(TOKEN).withCorsOrigin(ALLOWED));
    anonymous = new Http(server.uri(), null);
    wrong = new Http(server.uri(), TOKEN + "x");
    authorized = new Http(server.uri(), TOKEN);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyApiRouteNeedsTheToken() {
    for (String path : new String[] {"/info", "/metrics", "/openapi.json", "/examples"}) {
      assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
      assertThat(wrong.get(path).status()).as(path).isEqualTo(401);
      assertThat(authorized.get(path).status()).as(path).isEqualTo(200);
    }
    Http.Answer a = anonymous.post("/reconstruct", "{}");
    assertThat(a.status()).isEqualTo(401);
    assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(a.json().get("error").getAsString()).contains("Authorization: Bearer");
    assertThat(wrong.post("/sample", "{}").status()).isEqualTo(401);
    assertThat(anonymous.post("/reconstruct", "{}", "Authorization", "Basic " + TOKEN).status()).isEqualTo(401);
  }

  /**
   * A refused request's body is read before the answer: a client still sending it gets the 401, not a
   * connection closed under its feet (the server used to answer from the headers and close, and Java's client,
   * its body not yet written, failed with a broken pipe now and then even for "{}").
   */
  @Test
  void aRefusedBodyIsReadBeforeTheAnswer() {
    String large = "{" + " ".repeat(400_000) + "}";
    for (int i = 0; i < 5; i++) {
      assertThat(anonymous.post("/reconstruct", large).status()).isEqualTo(401);
      assertThat(wrong.post("/sample", "{}").status()).isEqualTo(401);
    }
  }

  @Test
  void healthAndThePageNeedNoToken() {
    assertThat(anonymous.get("/health").status()).isEqualTo(200);
    Http.Answer page = anonymous.get("/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "connect-src 'self'");
  }

  @Test
  void anotherOriginGetsNoCorsGrant() {
    Http.Answer a = authorized.get("/info", "Origin", "https://evil.example");
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.header("Access-Control-Allow-Origin")).isNull();
    assertThat(a.json().get("error").getAsString()).contains("cross-origin request from https://evil.example refused");
    Http.Answer preflight = anonymous.options("/reconstruct", "Origin", "https://evil.example",
        "Access-Control-Request-Method", "POST");
    assertThat(preflight.status()).isEqualTo(403);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    assertThat(authorized.post("/reconstruct", "{}", "Origin", "null").status()).isEqualTo(403);
  }

  @Test
  void theAllowedOriginIsGrantedAndTheSameOriginNeedsNone() {
    Http.Answer preflight = anonymous.options("/reconstruct", "Origin", ALLOWED, "Access-Control-Request-Method",
        "POST");
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization");
    Http.Answer a = authorized.get("/info", "Origin", ALLOWED);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    Http.Answer same = authorized.get("/info", "Origin", "http://127.0.0.1:" + server.port());
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void aForeignHostNameIsRefusedOnLoopback() throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET /health HTTP/1.1\r\nHost: rebound.example:" + server.port() + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 403").contains("not this loopback server's");
    }
  }
}
