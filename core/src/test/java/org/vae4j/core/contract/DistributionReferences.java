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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.Beta;
import org.vae4j.core.distributions.Binomial;
import org.vae4j.core.distributions.Categorical;
import org.vae4j.core.distributions.ContinuousBernoulli;
import org.vae4j.core.distributions.Dirichlet;
import org.vae4j.core.distributions.Exponential;
import org.vae4j.core.distributions.Gamma;
import org.vae4j.core.distributions.Independent;
import org.vae4j.core.distributions.Laplace;
import org.vae4j.core.distributions.LogNormal;
import org.vae4j.core.distributions.MixtureSameFamily;
import org.vae4j.core.distributions.MultivariateNormal;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.distributions.OneHotCategorical;
import org.vae4j.core.distributions.Poisson;
import org.vae4j.core.distributions.RelaxedOneHotCategorical;
import org.vae4j.core.distributions.StudentT;
import org.vae4j.core.distributions.TransformedDistribution;
import org.vae4j.core.distributions.Uniform;
import org.vae4j.core.transforms.Bijectors;

/**
 * Reads the torch.distributions reference values (float64) from {@code /reference/*.json} on the test class
 * path and builds the distributions they describe: {@code distributions.json} (the first families),
 * {@code families.json} and {@code kl.json} (written by {@code core/src/test/python/reference_values.py}).
 * Schema: {@code cases[]} with {@code family}, {@code params}, {@code x} and the expected {@code log_prob},
 * {@code mean}, {@code variance}, {@code entropy} (each optional); {@code kl[]} with {@code p} and {@code q}
 * ({@code family}, {@code params}) and {@code kl}. A case with {@code "float32": false} is checked in
 * FLOAT64 only (its {@code why} says why float32 cannot hold it).
 */
final class DistributionReferences {
  private static final Map<String, JsonObject> ROOTS = new HashMap<>();

  private DistributionReferences() {
  }

  static synchronized JsonObject root(String resource) {
    return ROOTS.computeIfAbsent(resource, r -> {
      try (InputStream in = DistributionReferences.class.getResourceAsStream("/reference/" + r)) {
        if (in == null) {
          throw new IllegalStateException("reference/" + r + " is missing from the test class path");
        }
        return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The distribution cases of every reference file. */
  static List<JsonObject> cases() {
    List<JsonObject> all = new ArrayList<>(objects(root("distributions.json").getAsJsonArray("cases")));
    all.addAll(objects(root("families.json").getAsJsonArray("cases")));
    return all;
  }

  /** The KL cases of every reference file. */
  static List<JsonObject> klCases() {
    List<JsonObject> all = new ArrayList<>(objects(root("distributions.json").getAsJsonArray("kl")));
    all.addAll(objects(root("kl.json").getAsJsonArray("kl")));
    return all;
  }

  /** The pairs torch.distributions.kl registers among vae4j's families, by torch class name. */
  static List<String[]> registeredPairs() {
    List<String[]> out = new ArrayList<>();
    root("kl.json").getAsJsonArray("registered_pairs").forEach(e -> out.add(new String[] {
        e.getAsJsonArray().get(0).getAsString(), e.getAsJsonArray().get(1).getAsString()}));
    return out;
  }

  /** The torch class of a reference family name: {@code MultivariateNormal(scale_tril)} is MultivariateNormal. */
  static String torchClass(String family) {
    int paren = family.indexOf('(');
    return paren < 0 ? family : family.substring(0, paren);
  }

  /** False for a case marked {@code "float32": false}. */
  static boolean checkedIn(JsonObject c, DType dtype) {
    return dtype == DType.FLOAT64 || !c.has("float32") || c.get("float32").getAsBoolean();
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
      out.add(e.getAsDouble());
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
      case "Exponential" -> new Exponential(t(f, p, "rate", dtype));
      case "Gamma" -> new Gamma(t(f, p, "concentration", dtype), t(f, p, "rate", dtype));
      case "Beta" -> new Beta(t(f, p, "concentration1", dtype), t(f, p, "concentration0", dtype));
      case "Dirichlet" -> new Dirichlet(t(f, p, "concentration", dtype));
      case "StudentT" -> new StudentT(t(f, p, "df", dtype), t(f, p, "loc", dtype), t(f, p, "scale", dtype));
      case "MultivariateNormal(scale_tril)" ->
          MultivariateNormal.fromScaleTril(t(f, p, "loc", dtype), t(f, p, "scale_tril", dtype));
      case "MultivariateNormal(covariance)" ->
          MultivariateNormal.fromCovariance(t(f, p, "loc", dtype), t(f, p, "covariance", dtype));
      case "Poisson" -> new Poisson(t(f, p, "rate", dtype));
      case "TransformedDistribution(Normal,Exp)" ->
          new TransformedDistribution(new Normal(t(f, p, "loc", dtype), t(f, p, "scale", dtype)), Bijectors.exp());
      case "Binomial" -> Binomial.fromLogits(t(f, p, "total_count", dtype), t(f, p, "logits", dtype));
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
