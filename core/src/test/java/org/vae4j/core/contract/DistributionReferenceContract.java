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
 * (the reference/*.json files, float64, see {@link DistributionReferences}): within 1e-6 relative in FLOAT64
 * and 1e-4 in FLOAT32. The relative error is taken against {@code max(|expected|, floor)} with floor 1e-3
 * (FLOAT64) or 1 (FLOAT32), so values near zero are held to an absolute error of 1e-9 or 1e-4; an infinite
 * or NaN reference must be matched exactly. Cases marked FLOAT64-only are skipped in FLOAT32 and counted.
 */
public abstract class DistributionReferenceContract extends BackendTestSupport {

  private double tolerance(DType dtype) {
    return dtype == DType.FLOAT64 ? 1e-6 : 1e-4;
  }

  private double floor(DType dtype) {
    return dtype == DType.FLOAT64 ? 1e-3 : 1.0;
  }

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
    double[] expected = DistributionReferences.values(c.get(key));
    Tensor t = actual.get();
    soft.assertThat(t.shape()).as("%s shape", what).isEqualTo(DistributionReferences.shape(c.get(key)));
    double[] got = t.toDoubleArray();
    soft.assertThat(got).as("%s size", what).hasSameSizeAs(expected);
    for (int i = 0; i < Math.min(got.length, expected.length); i++) {
      if (Double.isNaN(expected[i])) {
        soft.assertThat(got[i]).as("%s [%d] (torch: NaN)", what, i).isNaN();
        continue;
      }
      if (Double.isInfinite(expected[i])) {
        soft.assertThat(got[i]).as("%s [%d] (torch: %s)", what, i, expected[i]).isEqualTo(expected[i]);
        continue;
      }
      double err = Math.abs(got[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor(dtype));
      soft.assertThat(err).as("%s [%d]: got %s, torch %s", what, i, got[i], expected[i])
          .isLessThanOrEqualTo(tolerance(dtype));
    }
    checked.add(what);
  }
}
