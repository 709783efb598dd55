package org.vae4j.backend.pure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** Known values of the special functions, independent of any series used to compute them. */
class SpecialFunctionsTest {
  private static final double EULER_GAMMA = 0.57721566490153286061;

  @Test
  void lgammaMatchesFactorialsAndHalfIntegers() {
    double logFactorial = 0;
    for (int n = 1; n <= 30; n++) {
      assertThat(SpecialFunctions.lgamma(n)).as("lgamma(%d)", n)
          .isCloseTo(logFactorial, offset(1e-12 * (1 + logFactorial)));
      logFactorial += Math.log(n);
    }
    assertThat(SpecialFunctions.lgamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), offset(1e-14));
    assertThat(SpecialFunctions.lgamma(-0.5)).isCloseTo(Math.log(2 * Math.sqrt(Math.PI)), offset(1e-14));
    assertThat(SpecialFunctions.lgamma(1e-8)).isCloseTo(-Math.log(1e-8) - EULER_GAMMA * 1e-8, offset(1e-12));
    assertThat(SpecialFunctions.lgamma(0)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(SpecialFunctions.lgamma(-3)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void digammaMatchesKnownValues() {
    assertThat(SpecialFunctions.digamma(1)).isCloseTo(-EULER_GAMMA, offset(1e-14));
    assertThat(SpecialFunctions.digamma(0.5)).isCloseTo(-EULER_GAMMA - 2 * Math.log(2), offset(1e-14));
    double harmonic = 0;
    for (int n = 1; n < 40; n++) {
      harmonic += 1.0 / n;
      assertThat(SpecialFunctions.digamma(n + 1)).as("digamma(%d) = H_%d - gamma", n + 1, n)
          .isCloseTo(harmonic - EULER_GAMMA, offset(1e-13));
    }
    assertThat(SpecialFunctions.digamma(-0.5)).isCloseTo(2 - EULER_GAMMA - 2 * Math.log(2), offset(1e-13));
    assertThat(SpecialFunctions.digamma(-2)).isNaN();
  }

  @Test
  void trigammaMatchesKnownValues() {
    double zeta2 = Math.PI * Math.PI / 6;
    assertThat(SpecialFunctions.trigamma(1)).isCloseTo(zeta2, offset(1e-15));
    assertThat(SpecialFunctions.trigamma(0.5)).isCloseTo(Math.PI * Math.PI / 2, offset(1e-14));
    double partial = 0;
    for (int n = 1; n < 40; n++) {
      partial += 1.0 / ((double) n * n);
      assertThat(SpecialFunctions.trigamma(n + 1)).as("trigamma(%d) = zeta(2) - sum_{k<=%d} 1/k^2", n + 1, n)
          .isCloseTo(zeta2 - partial, offset(1e-15));
    }
    assertThat(SpecialFunctions.trigamma(-0.5)).isCloseTo(Math.PI * Math.PI / 2 + 4, offset(1e-13));
    assertThat(SpecialFunctions.trigamma(1e6)).isCloseTo(1e-6 + 0.5e-12 + 1e-18 / 6, offset(1e-21));
    assertThat(SpecialFunctions.trigamma(0)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(SpecialFunctions.trigamma(-3)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void erfMatchesKnownValues() {
    assertThat(SpecialFunctions.erf(0)).isEqualTo(0.0);
    assertThat(SpecialFunctions.erf(1)).isCloseTo(0.8427007929497148693, offset(1e-16));
    assertThat(SpecialFunctions.erf(-0.5)).isCloseTo(-0.5204998778130465377, offset(1e-16));
    assertThat(SpecialFunctions.erf(3)).isCloseTo(0.9999779095030014146, offset(1e-16));
    assertThat(SpecialFunctions.erf(1e-10)).isCloseTo(2 / Math.sqrt(Math.PI) * 1e-10, offset(1e-26));
    assertThat(SpecialFunctions.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
  }

  @Test
  void sigmoidAndSoftplusStayFiniteAtLargeMagnitudes() {
    assertThat(SpecialFunctions.sigmoid(-1000.0)).isEqualTo(0.0);
    assertThat(SpecialFunctions.sigmoid(1000.0)).isEqualTo(1.0);
    assertThat(SpecialFunctions.sigmoid(-100.0)).isCloseTo(Math.exp(-100), offset(1e-57));
    assertThat(SpecialFunctions.softplus(-100.0)).isCloseTo(Math.exp(-100), offset(1e-57));
    assertThat(SpecialFunctions.softplus(1000.0)).isEqualTo(1000.0);
    assertThat(SpecialFunctions.sigmoid(-100f)).isGreaterThan(0f);
    assertThat(SpecialFunctions.softplus(1000f)).isEqualTo(1000f);
  }
}
