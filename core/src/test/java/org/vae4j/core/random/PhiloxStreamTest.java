package org.vae4j.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PhiloxStreamTest {

  @Test
  void matchesRandom123KnownAnswers() {
    // Known-answer vectors of Random123's kat_vectors for philox4x32_10.
    assertThat(PhiloxStream.encrypt(0, 0, 0, 0, 0, 0))
        .containsExactly(0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8);
    assertThat(PhiloxStream.encrypt(-1, -1, -1, -1, -1, -1))
        .containsExactly(0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd);
    assertThat(PhiloxStream.encrypt(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0))
        .containsExactly(0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1);
  }

  @Test
  void sameSeedSameNumbersAndStateRestoresExactly() {
    PhiloxStream a = PhiloxStream.seeded(42);
    PhiloxStream b = PhiloxStream.seeded(42);
    assertThat(a.uniformDoubles(10)).containsExactly(b.uniformDoubles(10));
    long[] saved = a.state();
    double[] next = a.normalDoubles(7);
    assertThat(PhiloxStream.fromState(saved).normalDoubles(7)).containsExactly(next);
    assertThat(PhiloxStream.seeded(43).uniformDoubles(10)).isNotEqualTo(PhiloxStream.seeded(42).uniformDoubles(10));
  }

  @Test
  void splitsDifferFromEachOtherAndFromParent() {
    PhiloxStream parent = PhiloxStream.seeded(7);
    double[] first = parent.split().uniformDoubles(4);
    double[] second = parent.split().uniformDoubles(4);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void uniformAndNormalMomentsAreRight() {
    PhiloxStream s = PhiloxStream.seeded(1);
    int n = 200_000;
    double[] u = s.uniformDoubles(n);
    double[] z = s.normalDoubles(n);
    float[] f = s.uniformFloats(n);
    double mu = 0, mz = 0, vz = 0, mf = 0;
    for (int i = 0; i < n; i++) {
      assertThat(u[i]).isGreaterThanOrEqualTo(0).isLessThan(1);
      assertThat(f[i]).isGreaterThanOrEqualTo(0).isLessThan(1);
      mu += u[i];
      mz += z[i];
      vz += z[i] * z[i];
      mf += f[i];
    }
    // standard errors: uniform 0.29/sqrt(n) = 6.5e-4, normal 1/sqrt(n) = 2.2e-3; 5 se bounds
    assertThat(mu / n).isCloseTo(0.5, within(3.3e-3));
    assertThat(mf / n).isCloseTo(0.5, within(3.3e-3));
    assertThat(mz / n).isCloseTo(0.0, within(1.2e-2));
    assertThat(vz / n).isCloseTo(1.0, within(1.6e-2));
  }

  @Test
  void nextIntStaysInBounds() {
    PhiloxStream s = PhiloxStream.seeded(3);
    int[] counts = new int[5];
    for (int i = 0; i < 5000; i++) {
      counts[s.nextInt(5)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(850, 1150);
    }
  }
}
