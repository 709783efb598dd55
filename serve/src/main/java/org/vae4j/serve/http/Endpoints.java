package org.vae4j.serve.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.vae4j.serve.ServeOptions;
import org.vae4j.serve.exec.InferenceQueue;
import org.vae4j.serve.exec.Job;
import org.vae4j.serve.model.Encoding;
import org.vae4j.serve.model.LatentSpace;
import org.vae4j.serve.model.Operation;
import org.vae4j.serve.model.Prediction;
import org.vae4j.serve.model.Rows;
import org.vae4j.serve.model.Scores;
import org.vae4j.serve.model.ServedModel;
import org.vae4j.serve.model.UnsupportedOperation;

/**
 * The model's {@code POST} routes: each reads its fields from a {@link JsonRequest} (checked against the
 * limits before anything is queued), queues the work on the {@link InferenceQueue} and turns the result
 * into JSON. Field names and shapes are those of {@link OpenApi}. Thread-safe.
 */
final class Endpoints {
  /** Grey levels are in [0, 1]; latent values within +-1e6 (a standard normal prior, and then some). */
  static final double LATENT_BOUND = 1e6;

  /** A route's work, from a parsed request to its JSON answer. */
  interface Endpoint {
    CompletableFuture<JsonObject> handle(JsonRequest request);
  }

  private final ServedModel model;
  private final InferenceQueue queue;
  private final ServeOptions limits;
  private final int pixels;

  Endpoints(ServedModel model, InferenceQueue queue, ServeOptions limits) {
    this.model = model;
    this.queue = queue;
    this.limits = limits;
    this.pixels = model.rows() * model.cols();
  }

  /** Every operation's route, including those the model lacks (they answer 400 naming what it has). */
  Map<String, Endpoint> routes() {
    Map<String, Endpoint> r = new LinkedHashMap<>();
    r.put(Operation.ENCODE.route(), this::encode);
    r.put(Operation.DECODE.route(), this::decode);
    r.put(Operation.SAMPLE.route(), this::sample);
    r.put(Operation.RECONSTRUCT.route(), this::reconstruct);
    r.put(Operation.SCORE.route(), this::score);
    r.put(Operation.INTERPOLATE.route(), this::interpolate);
    r.put(Operation.PREDICT.route(), this::predict);
    return r;
  }

  private void require(Operation op) {
    if (!model.operations().contains(op)) {
      throw ApiException.badRequest(UnsupportedOperation.of(model, op).getMessage());
    }
  }

  private Rows images(JsonRequest req) {
    return req.rows("images", pixels, 0, 1);
  }

  private CompletableFuture<JsonObject> encode(JsonRequest req) {
    require(Operation.ENCODE);
    Rows x = images(req);
    return queue.submit(Job.rowwise(Operation.ENCODE, x, model::encode)).thenApply(Endpoints::encoding);
  }

  private CompletableFuture<JsonObject> decode(JsonRequest req) {
    require(Operation.DECODE);
    LatentSpace latent = model.latent();
    double max = latent.isDiscrete() ? latent.codes() - 1 : LATENT_BOUND;
    double min = latent.isDiscrete() ? 0 : -LATENT_BOUND;
    Rows z = req.rows("latents", latent.size(), min, max);
    boolean png = req.png();
    return queue.submit(Job.rowwise(Operation.DECODE, z, model::decode)).thenApply(r -> images(r, png));
  }

  private CompletableFuture<JsonObject> sample(JsonRequest req) {
    require(Operation.SAMPLE);
    int n = req.integer("n", 16, 1, limits.maxSamples());
    long seed = req.seed();
    int[] labels = model.conditional() && req.has("labels") ? req.labels(n) : null;
    if (!model.conditional()) {
      req.labels(n);   // refuses labels given to a model without them
    }
    boolean png = req.png();
    return queue.submit(Job.of(() -> model.sample(n, seed, labels))).thenApply(r -> images(r, png));
  }

  private CompletableFuture<JsonObject> reconstruct(JsonRequest req) {
    require(Operation.RECONSTRUCT);
    Rows x = images(req);
    boolean png = req.png();
    return queue.submit(Job.rowwise(Operation.RECONSTRUCT, x, model::reconstruct)).thenApply(r -> images(r, png));
  }

  private CompletableFuture<JsonObject> score(JsonRequest req) {
    require(Operation.SCORE);
    Rows x = images(req);
    int k = req.integer("k", Math.min(100, limits.maxK()), 1, limits.maxK());
    long seed = req.seed();
    return queue.submit(Job.of(() -> model.score(x, k, seed))).thenApply(Endpoints::scores);
  }

  private CompletableFuture<JsonObject> interpolate(JsonRequest req) {
    require(Operation.INTERPOLATE);
    float[] from = req.row("from", pixels, 0, 1);
    float[] to = req.row("to", pixels, 0, 1);
    int steps = req.integer("steps", 10, 2, limits.maxSteps());
    int label = model.conditional() ? req.integer("label", 0, 0, model.classes() - 1) : 0;
    if (!model.conditional() && req.has("label")) {
      throw ApiException.badRequest("model " + model.kind() + " takes no 'label'; leave the field out");
    }
    boolean png = req.png();
    return queue.submit(Job.of(() -> model.interpolate(from, to, steps, label))).thenApply(r -> images(r, png));
  }

  private CompletableFuture<JsonObject> predict(JsonRequest req) {
    require(Operation.PREDICT);
    Rows x = req.rows("images", pixels, 0, 1);
    int draws = req.integer("samples", Math.min(20, limits.maxDraws()), 1, limits.maxDraws());
    long seed = req.seed();
    return queue.submit(Job.of(() -> model.predict(x, draws, seed))).thenApply(Endpoints::prediction);
  }

  private JsonObject images(Rows images, boolean png) {
    JsonObject o = new JsonObject();
    if (png) {
      JsonArray a = new JsonArray();
      for (int i = 0; i < images.count(); i++) {
        a.add(Png.base64(images.row(i), model.rows(), model.cols()));
      }
      o.add("png", a);
    } else {
      o.add("images", matrix(images));
    }
    return o;
  }

  private static JsonObject encoding(Encoding e) {
    JsonObject o = new JsonObject();
    if (e.codes() != null) {
      JsonArray rows = new JsonArray();
      for (int i = 0; i < e.codes().count(); i++) {
        JsonArray row = new JsonArray();
        for (float v : e.codes().row(i)) {
          row.add((int) v);
        }
        rows.add(row);
      }
      o.add("codes", rows);
    } else {
      o.add("mean", matrix(e.mean()));
      o.add("logVariance", matrix(e.logVariance()));
    }
    return o;
  }

  private static JsonObject scores(Scores s) {
    JsonObject o = new JsonObject();
    o.add("negativeElbo", vector(s.negativeElbo()));
    if (s.logLikelihood() != null) {
      o.add("logLikelihood", vector(s.logLikelihood()));
      o.addProperty("k", s.k());
    }
    return o;
  }

  private static JsonObject prediction(Prediction p) {
    JsonObject o = new JsonObject();
    o.add("mean", matrix(p.mean()));
    o.add("std", matrix(p.std()));
    if (p.entropy() != null) {
      o.add("entropy", vector(p.entropy()));
      JsonArray predicted = new JsonArray();
      for (int i = 0; i < p.mean().count(); i++) {
        float[] row = p.mean().row(i);
        int best = 0;
        for (int j = 1; j < row.length; j++) {
          best = row[j] > row[best] ? j : best;
        }
        predicted.add(best);
      }
      o.add("predicted", predicted);
    }
    o.addProperty("samples", p.samples());
    return o;
  }

  static JsonArray matrix(Rows rows) {
    JsonArray a = new JsonArray(rows.count());
    int w = rows.width();
    float[] v = rows.values();
    for (int i = 0; i < rows.count(); i++) {
      JsonArray row = new JsonArray(w);
      for (int j = 0; j < w; j++) {
        row.add(v[i * w + j]);
      }
      a.add(row);
    }
    return a;
  }

  private static JsonArray vector(double[] values) {
    JsonArray a = new JsonArray(values.length);
    for (double v : values) {
      a.add(v);
    }
    return a;
  }
}
