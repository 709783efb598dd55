package org.vae4j.core.contract;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.Categorical;
import org.vae4j.core.distributions.ContinuousBernoulli;
import org.vae4j.core.distributions.Independent;
import org.vae4j.core.distributions.Laplace;
import org.vae4j.core.distributions.LogNormal;
import org.vae4j.core.distributions.MixtureSameFamily;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.distributions.OneHotCategorical;
import org.vae4j.core.distributions.RelaxedOneHotCategorical;
import org.vae4j.core.distributions.Uniform;

/**
 * Reads {@code /reference/distributions.json} (torch.distributions in float64) from the test class path
 * and builds the distributions it describes. Schema: {@code cases[]} with {@code family}, {@code params},
 * {@code x} and the expected {@code log_prob}, {@code mean}, {@code variance}, {@code entropy} (each
 * optional); {@code kl[]} with {@code p} and {@code q} ({@code family}, {@code params}) and {@code kl}.
 */
final class DistributionReferences {
  private static JsonObject root;

  private DistributionReferences() {
  }

  static synchronized JsonObject root() {
    if (root == null) {
      try (InputStream in = DistributionReferences.class.getResourceAsStream("/reference/distributions.json")) {
        if (in == null) {
          throw new IllegalStateException("reference/distributions.json is missing from the test class path");
        }
        root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  static List<JsonObject> cases() {
    return objects(root().getAsJsonArray("cases"));
  }

  static List<JsonObject> klCases() {
    return objects(root().getAsJsonArray("kl"));
  }

  private static List<JsonObject> objects(JsonArray a) {
    List<JsonObject> out = new ArrayList<>();
    a.forEach(e -> out.add(e.getAsJsonObject()));
    return out;
  }

  /** The values of a nested JSON array, row-major; "NaN" and friends are parsed by gson. */
  static double[] values(JsonElement e) {
    List<Double> out = new ArrayList<>();
    collect(e, out);
    double[] v = new double[out.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = out.get(i);
    }
    return v;
  }

  private static void collect(JsonElement e, List<Double> out) {
    if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(c -> collect(c, out));
    } else {
      String s = e.getAsString();
      out.add(s.equals("NaN") ? Double.NaN : e.getAsDouble());
    }
  }

  static Shape shape(JsonElement e) {
    List<Integer> dims = new ArrayList<>();
    JsonElement c = e;
    while (c.isJsonArray()) {
      JsonArray a = c.getAsJsonArray();
      dims.add(a.size());
      c = a.size() == 0 ? null : a.get(0);
      if (c == null) {
        break;
      }
    }
    return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
  }

  static Tensor tensor(TensorFactory f, JsonElement e, DType dtype) {
    return f.of(values(e), shape(e), dtype);
  }

  /** The distribution a case describes, its parameters in {@code dtype}. */
  static Distribution build(TensorFactory f, JsonObject spec, DType dtype) {
    String family = spec.get("family").getAsString();
    JsonObject p = spec.getAsJsonObject("params");
    return switch (family) {
      case "Normal" -> new Normal(t(f, p, "loc", dtype), t(f, p, "scale", dtype));
      case "Independent(Normal,1)" -> new Independent(new Normal(t(f, p, "loc", dtype), t(f, p, "scale", dtype)), 1);
      case "Bernoulli" -> Bernoulli.fromLogits(t(f, p, "logits", dtype));
      case "ContinuousBernoulli" -> ContinuousBernoulli.fromLogits(t(f, p, "logits", dtype));
      case "Categorical" -> Categorical.fromLogits(t(f, p, "logits", dtype));
      case "OneHotCategorical" -> OneHotCategorical.fromLogits(t(f, p, "logits", dtype));
      case "Laplace" -> new Laplace(t(f, p, "loc", dtype), t(f, p, "scale", dtype));
      case "LogNormal" -> new LogNormal(t(f, p, "loc", dtype), t(f, p, "scale", dtype));
      case "Uniform" -> new Uniform(t(f, p, "low", dtype), t(f, p, "high", dtype));
      case "RelaxedOneHotCategorical" ->
          RelaxedOneHotCategorical.fromLogits(p.get("temperature").getAsDouble(), t(f, p, "logits", dtype));
      case "MixtureSameFamily(Categorical,Normal)" -> new MixtureSameFamily(
          Categorical.fromLogits(t(f, p, "mixture_logits", dtype)),
          new Normal(t(f, p, "loc", dtype), t(f, p, "scale", dtype)));
      default -> throw new IllegalArgumentException("reference family " + family + " is not mapped in the test");
    };
  }

  private static Tensor t(TensorFactory f, JsonObject params, String name, DType dtype) {
    return tensor(f, params.get(name), dtype);
  }
}
