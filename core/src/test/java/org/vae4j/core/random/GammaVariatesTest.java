package org.vae4j.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The host gamma sampler: its implicit gradient against mpmath (reference/families.json, written by
 * core/src/test/python/reference_values.py) from alpha = 0.001 to 1e4 and z from 1e-300 to the far upper
 * tail, and draws below the smallest double kept exactly in log space.
 */
class GammaVariatesTest {

  @Test
  void implicitGradientMatchesMpmathToTenDigits() throws IOException {
    try (Reader in = new InputStreamReader(getClass().getResourceAsStream("/reference/families.json"),
        StandardCharsets.UTF_8)) {
      JsonObject root = JsonParser.parseReader(in).getAsJsonObject();
      int checked = 0;
      for (JsonElement e : root.getAsJsonArray("gamma_quantile_gradients")) {
        JsonObject c = e.getAsJsonObject();
        double alpha = c.get("alpha").getAsDouble();
        double z = c.get("z").getAsDouble();
        double expected = c.get("dlogz_dalpha").getAsDouble();
        assertThat(GammaVariates.dLogZ(alpha, Math.log(z))).as("alpha %s, z %s", alpha, z)
            .isCloseTo(expected, within(1e-10 * Math.abs(expected)));
        checked++;
      }
      assertThat(checked).isGreaterThanOrEqualTo(19);
    }
  }

  @Test
  void tinyConcentrationsGiveFiniteLogarithmsBelowTheSmallestDouble() {
    double[] alpha = new double[2000];
    java.util.Arrays.fill(alpha, 1e-3);
    double[] logZ = new double[alpha.length];
    double[] grad = new double[alpha.length];
    GammaVariates.sample(alpha, PhiloxStream.seeded(1), logZ, grad);
    int belowDouble = 0;
    for (int i = 0; i < alpha.length; i++) {
      assertThat(logZ[i]).isFinite();
      assertThat(grad[i]).isFinite().isPositive();
      belowDouble += logZ[i] < -745 ? 1 : 0;
    }
    assertThat(belowDouble).as("draws whose value underflows a double").isGreaterThan(100);
  }

  @Test
  void badConcentrationsNameTheIndex() {
    assertThatThrownBy(() -> GammaVariates.sample(new double[] {1, 0}, PhiloxStream.seeded(1), new double[2], null))
        .hasMessage("Gamma sampler: concentration must be > 0 and finite, got 0.0 at index 1");
  }
}
