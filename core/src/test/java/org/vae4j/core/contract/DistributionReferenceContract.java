package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.kl.KlRegistry;

/**
 * Every family's log_prob, mean, variance and entropy, and every KL pair, against torch.distributions
 * (the reference/*.json files, float64, see {@link DistributionReferences}), with the tolerances of
 * {@link ReferenceComparison}: 1e-6 relative in FLOAT64, 1e-4 in FLOAT32. Cases marked FLOAT64-only are
 * skipped in FLOAT32 and counted.
 */
public abstract class DistributionReferenceContract extends BackendTestSupport {

  private void assumeDtype(DType dtype) {
    if (dtype == DType.FLOAT64) {
      assumeFloat64();
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void everyFamilyMatchesTorch(DType dtype) {
    assumeDtype(dtype);
    SoftAssertions soft = new SoftAssertions();
    List<String> checked = new ArrayList<>();
    try (Scope s = Scope.open()) {
      for (JsonObject c : DistributionReferences.cases()) {
        if (!DistributionReferences.checkedIn(c, dtype)) {
          continue;
        }
        String family = c.get("family").getAsString();
        Distribution d = DistributionReferences.build(f(), c, dtype);
        DType valueType = family.equals("Categorical") ? DType.INT32 : dtype;
        Tensor x = DistributionReferences.tensor(f(), c.get("x"), valueType);
        compare(soft, family + " log_prob", c, "log_prob", () -> d.logProb(x), dtype, checked);
        compare(soft, family + " mean", c, "mean", d::mean, dtype, checked);
        compare(soft, family + " variance", c, "variance", d::variance, dtype, checked);
        compare(soft, family + " entropy", c, "entropy", d::entropy, dtype, checked);
      }
    }
    soft.assertAll();
    assertThat(checked).hasSize(expectedChecks(DistributionReferences.cases(), dtype,
        "log_prob", "mean", "variance", "entropy"));
  }

  /** Every pair torch registers a KL rule for among vae4j's families has a rule here and a reference case. */
  @org.junit.jupiter.api.Test
  void everyKlPairTorchRegistersHasARuleAndAReference() {
    java.util.Set<String> referenced = new java.util.HashSet<>();
    for (JsonObject c : DistributionReferences.klCases()) {
      referenced.add(DistributionReferences.torchClass(c.getAsJsonObject("p").get("family").getAsString()) + " || "
          + DistributionReferences.torchClass(c.getAsJsonObject("q").get("family").getAsString()));
    }
    List<String[]> pairs = DistributionReferences.registeredPairs();
    assertThat(pairs).hasSizeGreaterThanOrEqualTo(54);
    for (String[] pair : pairs) {
      assertThat(referenced).as("reference values for KL(%s || %s)", pair[0], pair[1])
          .contains(pair[0] + " || " + pair[1]);
    }
  }

  private static int expectedChecks(List<JsonObject> cases, DType dtype, String... keys) {
    int n = 0;
    for (JsonObject c : cases) {
      for (String k : keys) {
        n += c.has(k) && DistributionReferences.checkedIn(c, dtype) ? 1 : 0;
      }
    }
    return n;
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void everyKlPairMatchesTorch(DType dtype) {
    assumeDtype(dtype);
    SoftAssertions soft = new SoftAssertions();
    List<String> checked = new ArrayList<>();
    try (Scope s = Scope.open()) {
      for (JsonObject c : DistributionReferences.klCases()) {
        if (!DistributionReferences.checkedIn(c, dtype)) {
          continue;
        }
        Distribution p = DistributionReferences.build(f(), c.getAsJsonObject("p"), dtype);
        Distribution q = DistributionReferences.build(f(), c.getAsJsonObject("q"), dtype);
        String what = "KL(" + c.getAsJsonObject("p").get("family").getAsString() + " || "
            + c.getAsJsonObject("q").get("family").getAsString() + ")";
        compare(soft, what, c, "kl", () -> KlRegistry.kl(p, q), dtype, checked);
      }
    }
    soft.assertAll();
    assertThat(checked).hasSize(expectedChecks(DistributionReferences.klCases(), dtype, "kl"));
  }

  private void compare(SoftAssertions soft, String what, JsonObject c, String key, Supplier<Tensor> actual,
      DType dtype, List<String> checked) {
    if (!c.has(key)) {
      return;
    }
    ReferenceComparison.check(soft, what, c.get(key), actual.get(), dtype);
    checked.add(what);
  }
}
