package org.vae4j.serve.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.vae4j.serve.ServeOptions;
import org.vae4j.serve.model.LatentSpace;
import org.vae4j.serve.model.Operation;
import org.vae4j.serve.model.Rows;
import org.vae4j.serve.model.ServedModel;

/** The JSON of {@code GET /info} (what the model is and takes) and {@code GET /examples} (test images). */
final class ModelDescription {
  private ModelDescription() {
  }

  static JsonObject info(ServedModel model, ServeOptions options) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", model.kind());
    o.addProperty("description", model.description());
    o.addProperty("backend", model.backendName());
    JsonArray shape = new JsonArray();
    for (int d : model.inputShape().dims()) {
      shape.add(d);
    }
    o.add("inputShape", shape);
    o.addProperty("rows", model.rows());
    o.addProperty("cols", model.cols());
    LatentSpace l = model.latent();
    JsonObject latent = new JsonObject();
    latent.addProperty("kind", l.isDiscrete() ? "discrete" : l.dimensions() > 0 ? "continuous" : "none");
    latent.addProperty("dimensions", l.dimensions());
    latent.addProperty("height", l.height());
    latent.addProperty("width", l.width());
    latent.addProperty("codes", l.codes());
    o.add("latent", latent);
    o.addProperty("classes", model.classes());
    o.addProperty("conditional", model.conditional());
    JsonArray ops = new JsonArray();
    for (Operation op : Operation.values()) {
      if (model.operations().contains(op)) {
        ops.add(op.route());
      }
    }
    o.add("operations", ops);
    o.add("limits", limits(options));
    return o;
  }

  static JsonObject limits(ServeOptions options) {
    JsonObject o = new JsonObject();
    o.addProperty("maxBodyBytes", options.maxBodyBytes());
    o.addProperty("maxImages", options.maxImages());
    o.addProperty("maxSamples", options.maxSamples());
    o.addProperty("maxSteps", options.maxSteps());
    o.addProperty("maxK", options.maxK());
    o.addProperty("maxDraws", options.maxDraws());
    o.addProperty("timeoutMillis", options.timeoutMillis());
    o.addProperty("queueCapacity", options.queueCapacity());
    return o;
  }

  static JsonObject examples(Rows examples) {
    JsonObject o = new JsonObject();
    JsonArray labels = new JsonArray();
    if (examples == null) {
      o.add("images", new JsonArray());
    } else {
      o.add("images", Endpoints.matrix(examples));
      if (examples.labels() != null) {
        for (int y : examples.labels()) {
          labels.add(y);
        }
      }
    }
    o.add("labels", labels);
    return o;
  }
}
