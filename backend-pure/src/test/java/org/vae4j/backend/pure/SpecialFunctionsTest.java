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
