package org.vae4j.core.contract;

import com.google.gson.JsonElement;
import org.assertj.core.api.SoftAssertions;
import org.vae4j.api.DType;
import org.vae4j.api.Tensor;

/**
 * How results are compared with the torch reference values: shape equal, and each element within 1e-6
 * relative in FLOAT64 and 1e-4 in FLOAT32, the relative error taken against {@code max(|expected|, floor)}
 * with floor 1e-3 (FLOAT64) or 1 (FLOAT32), so that values near zero are held to an absolute error of 1e-9
 * or 1e-4. An infinite or NaN reference must be matched exactly.
 */
final class ReferenceComparison {
  private ReferenceComparison() {
  }

  static double tolerance(DType dtype) {
    return dtype == DType.FLOAT64 ? 1e-6 : 1e-4;
  }

  static double floor(DType dtype) {
    return dtype == DType.FLOAT64 ? 1e-3 : 1.0;
  }

  static void check(SoftAssertions soft, String what, JsonElement expectedJson, Tensor actual, DType dtype) {
    double[] expected = DistributionReferences.values(expectedJson);
    soft.assertThat(actual.shape()).as("%s shape", what).isEqualTo(DistributionReferences.shape(expectedJson));
    double[] got = actual.toDoubleArray();
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
  }
}
