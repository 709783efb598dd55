package org.vae4j.core.contract;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vae4j.api.DType;
import org.vae4j.api.Module;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.nn.Activation;
import org.vae4j.core.nn.Linear;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.nn.Sequential;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.transforms.AffineAutoregressive;
import org.vae4j.core.transforms.AffineCoupling;
import org.vae4j.core.transforms.Bijector;
import org.vae4j.core.transforms.Bijectors;
import org.vae4j.core.transforms.Made;
import org.vae4j.core.transforms.Planar;
import org.vae4j.core.transforms.Radial;

/**
 * Builds the bijectors that {@code /reference/transforms.json} describes (see
 * {@code core/src/test/python/transforms.py} for the schema). Networks (MADE, the coupling conditioner) get
 * their weights from the file; the modules made are collected so that the caller closes them.
 */
final class TransformReferences implements AutoCloseable {
  private final TensorFactory f;
  private final DType dtype;
  private final List<Module> modules = new ArrayList<>();

  TransformReferences(TensorFactory f, DType dtype) {
    this.f = f;
    this.dtype = dtype;
  }

  static JsonObject root() {
    return DistributionReferences.root("transforms.json");
  }

  static List<JsonObject> bijectorCases() {
    return objects(root().getAsJsonArray("bijectors"));
  }

  static List<JsonObject> transformedCases() {
    return objects(root().getAsJsonArray("transformed"));
  }

  private static List<JsonObject> objects(JsonArray a) {
    List<JsonObject> out = new ArrayList<>();
    a.forEach(e -> out.add(e.getAsJsonObject()));
    return out;
  }

  Tensor tensor(JsonElement e) {
    return DistributionReferences.tensor(f, e, dtype);
  }

  private Tensor t(JsonObject params, String name) {
    return tensor(params.get(name));
  }

  /** The bijector of a case ({@code bijector}, {@code params}). */
  Bijector build(JsonObject spec) {
    JsonObject p = spec.getAsJsonObject("params");
    return switch (spec.get("bijector").getAsString()) {
      case "Exp" -> Bijectors.exp();
      case "Sigmoid" -> Bijectors.sigmoid();
      case "Tanh" -> Bijectors.tanh();
      case "Softplus" -> Bijectors.softplus();
      case "Affine" -> Bijectors.affine(t(p, "loc"), t(p, "scale"));
      case "Compose(Affine,Exp)" -> Bijectors.compose(Bijectors.affine(t(p, "loc"), t(p, "scale")), Bijectors.exp());
      case "Planar" -> new Planar(t(p, "u"), t(p, "w"), t(p, "b"));
      case "Radial" -> new Radial(t(p, "x0"), t(p, "alpha_raw"), t(p, "beta_raw"));
      case "AffineAutoregressive" -> autoregressive(p);
      case "AffineCoupling" -> coupling(p);
      default -> throw new IllegalArgumentException("reference bijector " + spec.get("bijector") + " is not mapped");
    };
  }

  private ParameterFactory params() {
    return new ParameterFactory(f, dtype, PhiloxStream.seeded(1));
  }

  private Bijector autoregressive(JsonObject p) {
    JsonArray h = p.getAsJsonArray("hidden");
    int[] hidden = new int[h.size()];
    for (int i = 0; i < hidden.length; i++) {
      hidden[i] = h.get(i).getAsInt();
    }
    int contextDim = p.get("context_dim").getAsInt();
    int dim = DistributionReferences.shape(p.get("outputBias")).dim(0) / 2;
    Made made = new Made(dim, hidden, contextDim, 0.0, params());
    modules.add(made);
    assign(made, p);
    Tensor context = contextDim == 0 ? null : t(p, "context_value");
    return new AffineAutoregressive(made, context, AffineAutoregressive.Form.valueOf(p.get("form").getAsString()));
  }

  private Bijector coupling(JsonObject p) {
    Tensor mask = t(p, "mask");
    int d = mask.dim(0);
    int width = DistributionReferences.shape(p.get("0.bias")).dim(0);
    Sequential net = new Sequential(new Linear(d, width, params()), Activation.tanh(), new Linear(width, 2 * d,
        params()));
    modules.add(net);
    assign(net, p);
    return new AffineCoupling(mask, net);
  }

  /** Overwrites every parameter of {@code m} with the case's value of that name. */
  private void assign(Module m, JsonObject p) {
    for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
      if (!p.has(e.getKey())) {
        throw new IllegalStateException("transforms.json has no value for parameter " + e.getKey());
      }
      e.getValue().assign(t(p, e.getKey()));
    }
  }

  /** Closes the networks built so far. */
  @Override
  public void close() {
    modules.forEach(Module::close);
  }
}
