package org.vae4j.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.vae4j.serve.model.Rows;

/** A small JSON client of a running {@link ServeServer}, for tests and the load benchmark. Thread-safe. */
public final class Http {
  /** An answer: status, headers and body. */
  public record Answer(int status, HttpResponse<String> raw) {
    /** The body as a JSON object. */
    public JsonObject json() {
      return JsonParser.parseString(raw.body()).getAsJsonObject();
    }

    /** The body's text. */
    public String body() {
      return raw.body();
    }

    /** A header's value, or null. */
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String token;

  public Http(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  public Answer get(String path, String... headers) {
    return send(builder(path, headers).GET());
  }

  public Answer post(String path, String body, String... headers) {
    return send(builder(path, headers).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json"));
  }

  public Answer post(String path, JsonObject body, String... headers) {
    return post(path, body.toString(), headers);
  }

  public Answer options(String path, String... headers) {
    return send(builder(path, headers).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }

  private HttpRequest.Builder builder(String path, String[] headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return b;
  }

  private static Answer send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Rows as a JSON array of arrays. */
  public static JsonArray array(Rows rows) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < rows.count(); i++) {
      a.add(array(rows.row(i)));
    }
    return a;
  }

  /** Values as a JSON array. */
  public static JsonArray array(float[] values) {
    JsonArray a = new JsonArray();
    for (float v : values) {
      a.add(v);
    }
    return a;
  }

  /** Labels as a JSON array. */
  public static JsonArray array(int[] values) {
    JsonArray a = new JsonArray();
    for (int v : values) {
      a.add(v);
    }
    return a;
  }

  /** A JSON array of arrays as floats, row after row. */
  public static float[] floats(JsonElement rows) {
    JsonArray a = rows.getAsJsonArray();
    int w = a.get(0).getAsJsonArray().size();
    float[] out = new float[a.size() * w];
    for (int i = 0; i < a.size(); i++) {
      JsonArray row = a.get(i).getAsJsonArray();
      for (int j = 0; j < w; j++) {
        out[i * w + j] = row.get(j).getAsFloat();
      }
    }
    return out;
  }

  /** A JSON array of numbers as doubles. */
  public static double[] doubles(JsonElement values) {
    JsonArray a = values.getAsJsonArray();
    double[] out = new double[a.size()];
    for (int i = 0; i < a.size(); i++) {
      out[i] = a.get(i).getAsDouble();
    }
    return out;
  }
}
