package org.vae4j.serve.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.vae4j.serve.ServeOptions;
import org.vae4j.serve.model.LatentSpace;
import org.vae4j.serve.model.Operation;
import org.vae4j.serve.model.ServedModel;

/**
 * The OpenAPI 3.0 description of the service, {@code GET /openapi.json}, made from the served model and the
 * options in force, so the sizes and limits it states are the ones enforced. Routes the model lacks are
 * left out (they answer 400).
 */
final class OpenApi {
  private OpenApi() {
  }

  static JsonObject document(ServedModel model, ServeOptions o) {
    JsonObject doc = new JsonObject();
    doc.addProperty("openapi", "3.0.3");
    JsonObject info = new JsonObject();
    info.addProperty("title", "vae4j serve: " + model.description());
    info.addProperty("version", "1");
    info.addProperty("description", "A trained " + model.kind() + " on the " + model.backendName() + " backend. "
        + "Bodies are JSON objects of at most " + o.maxBodyBytes() + " bytes (413 beyond); a request waits and "
        + "runs at most " + o.timeoutMillis() + " ms, and at most " + o.queueCapacity() + " requests wait for the "
        + "model (503 beyond). Every error is {\"error\": \"one line\"}. Images are rows of " + model.rows() + "x"
        + model.cols() + " grey levels in [0, 1], row-major."
        + (o.token() != null ? " Every route but /health and the page's files needs 'Authorization: Bearer'." : ""));
    doc.add("info", info);
    JsonObject paths = new JsonObject();
    paths.add("/health", get("Liveness; never needs the token.", object()));
    paths.add("/info", get("The model: kind, input shape, latent space, classes, operations, limits.", object()));
    paths.add("/metrics", get("Requests, errors and latency percentiles per route; the queue.", object()));
    paths.add("/examples", get("Test images the server was started with, and their labels.", object()));
    paths.add("/openapi.json", get("This document.", object()));
    int pixels = model.rows() * model.cols();
    JsonObject images = rowsOf(pixels, 0, 1, o.maxImages());
    LatentSpace latent = model.latent();
    for (Operation op : Operation.values()) {
      if (!model.operations().contains(op)) {
        continue;
      }
      JsonObject props = new JsonObject();
      JsonArray required = new JsonArray();
      JsonObject answer = object();
      String summary;
      switch (op) {
        case ENCODE -> {
          summary = latent.isDiscrete() ? "Images to maps of code indices." : "Images to means and log-variances of q(z|x).";
          props.add("images", images);
          required.add("images");
          answer.add("properties", latent.isDiscrete() ? props("codes", rowsOf(latent.size(), 0, latent.codes() - 1, 0))
              : props("mean", rowsOf(latent.size(), null, null, 0), "logVariance", rowsOf(latent.size(), null, null, 0)));
        }
        case DECODE -> {
          summary = "Latent codes to images (means of p(x|z)).";
          props.add("latents", latent.isDiscrete() ? rowsOf(latent.size(), 0, latent.codes() - 1, o.maxImages())
              : rowsOf(latent.size(), -Endpoints.LATENT_BOUND, Endpoints.LATENT_BOUND, o.maxImages()));
          props.add("format", format());
          required.add("latents");
          answer = imagesAnswer(pixels);
        }
        case SAMPLE -> {
          summary = "n images decoded from prior draws; the same seed gives the same images.";
          props.add("n", integer(1, o.maxSamples(), 16));
          props.add("seed", integer(null, null, 0));
          props.add("format", format());
          answer = imagesAnswer(pixels);
        }
        case RECONSTRUCT -> {
          summary = "Images to the decoded means of their latent codes.";
          props.add("images", images);
          props.add("format", format());
          required.add("images");
          answer = imagesAnswer(pixels);
        }
        case SCORE -> {
          summary = "Anomaly scores per image in nats: the negative ELBO and, with k importance samples, log p(x).";
          props.add("images", images);
          props.add("k", integer(1, o.maxK(), Math.min(100, o.maxK())));
          props.add("seed", integer(null, null, 0));
          required.add("images");
          answer.add("properties", props("negativeElbo", numbers(), "logLikelihood", numbers()));
        }
        case INTERPOLATE -> {
          summary = "Images decoded along the line between the latent means of two images, both ends included.";
          props.add("from", numbersOf(pixels, 0, 1));
          props.add("to", numbersOf(pixels, 0, 1));
          props.add("steps", integer(2, o.maxSteps(), 10));
          props.add("format", format());
          required.add("from");
          required.add("to");
          answer = imagesAnswer(pixels);
        }
        default -> {
          summary = "Predictive class probabilities (mean and standard deviation over weight draws) and entropy.";
          props.add("images", images);
          props.add("samples", integer(1, o.maxDraws(), Math.min(20, o.maxDraws())));
          props.add("seed", integer(null, null, 0));
          required.add("images");
          answer.add("properties", props("mean", rowsOf(model.classes(), 0, 1, 0), "std", rowsOf(model.classes(), 0, 1, 0),
              "entropy", numbers()));
        }
      }
      if (model.conditional() && op != Operation.INTERPOLATE) {
        props.add("labels", integersOf(0, model.classes() - 1));
        if (op != Operation.SAMPLE) {
          required.add("labels");
        }
      }
      if (model.conditional() && op == Operation.INTERPOLATE) {
        props.add("label", integer(0, model.classes() - 1, 0));
      }
      JsonObject body = object();
      body.add("properties", props);
      if (!required.isEmpty()) {
        body.add("required", required);
      }
      paths.add(op.route(), post(summary, body, answer));
    }
    doc.add("paths", paths);
    doc.add("x-limits", ModelDescription.limits(o));
    return doc;
  }

  private static JsonObject get(String summary, JsonObject answer) {
    JsonObject path = new JsonObject();
    JsonObject op = new JsonObject();
    op.addProperty("summary", summary);
    op.add("responses", responses(answer));
    path.add("get", op);
    return path;
  }

  private static JsonObject post(String summary, JsonObject body, JsonObject answer) {
    JsonObject path = new JsonObject();
    JsonObject op = new JsonObject();
    op.addProperty("summary", summary);
    JsonObject request = new JsonObject();
    request.addProperty("required", true);
    request.add("content", json(body));
    op.add("requestBody", request);
    op.add("responses", responses(answer));
    path.add("post", op);
    return path;
  }

  private static JsonObject responses(JsonObject answer) {
    JsonObject r = new JsonObject();
    JsonObject ok = new JsonObject();
    ok.addProperty("description", "OK");
    ok.add("content", json(answer));
    r.add("200", ok);
    JsonObject error = object();
    error.add("properties", props("error", type("string")));
    String[][] codes = {{"400", "Bad input: the message names the field and the fix."},
        {"401", "Missing or wrong bearer token."}, {"403", "Refused origin or host."},
        {"413", "Body too large."}, {"500", "The model failed."}, {"503", "Queue full or timed out; retry."}};
    for (String[] c : codes) {
      JsonObject e = new JsonObject();
      e.addProperty("description", c[1]);
      e.add("content", json(error));
      r.add(c[0], e);
    }
    return r;
  }

  private static JsonObject json(JsonObject schema) {
    JsonObject media = new JsonObject();
    media.add("schema", schema);
    JsonObject content = new JsonObject();
    content.add("application/json", media);
    return content;
  }

  private static JsonObject imagesAnswer(int pixels) {
    JsonObject a = object();
    JsonObject png = array(type("string"));
    png.addProperty("description", "With format \"png\": base64 PNG files, 8-bit grey.");
    a.add("properties", props("images", rowsOf(pixels, 0, 1, 0), "png", png));
    return a;
  }

  private static JsonObject format() {
    JsonObject f = type("string");
    JsonArray e = new JsonArray();
    e.add("array");
    e.add("png");
    f.add("enum", e);
    f.addProperty("default", "array");
    return f;
  }

  private static JsonObject rowsOf(int width, Number min, Number max, int maxRows) {
    JsonObject rows = array(numbersOf(width, min, max));
    rows.addProperty("minItems", 1);
    if (maxRows > 0) {
      rows.addProperty("maxItems", maxRows);
    }
    return rows;
  }

  private static JsonObject numbersOf(int width, Number min, Number max) {
    JsonObject n = type("number");
    if (min != null) {
      n.addProperty("minimum", min);
      n.addProperty("maximum", max);
    }
    JsonObject row = array(n);
    row.addProperty("minItems", width);
    row.addProperty("maxItems", width);
    return row;
  }

  private static JsonObject integersOf(int min, int max) {
    return array(integer(min, max, null));
  }

  private static JsonObject numbers() {
    return array(type("number"));
  }

  private static JsonObject integer(Integer min, Integer max, Integer fallback) {
    JsonObject i = type("integer");
    if (min != null) {
      i.addProperty("minimum", min);
    }
    if (max != null) {
      i.addProperty("maximum", max);
    }
    if (fallback != null) {
      i.addProperty("default", fallback);
    }
    if (min == null) {
      i.addProperty("format", "int64");
    }
    return i;
  }

  private static JsonObject array(JsonObject items) {
    JsonObject a = type("array");
    a.add("items", items);
    return a;
  }

  private static JsonObject object() {
    return type("object");
  }

  private static JsonObject type(String t) {
    JsonObject o = new JsonObject();
    o.addProperty("type", t);
    return o;
  }

  private static JsonObject props(Object... nameSchema) {
    JsonObject p = new JsonObject();
    for (int i = 0; i < nameSchema.length; i += 2) {
      p.add((String) nameSchema[i], (JsonObject) nameSchema[i + 1]);
    }
    return p;
  }
}
