package org.vae4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.vae4j.api.Shape;
import org.vae4j.core.random.PhiloxStream;

class InitsTest {

  @Test
  void fansFollowPytorchForLinearAndConvShapes() {
    assertThat(Inits.fanIn(Shape.of(400, 784))).isEqualTo(784);
    assertThat(Inits.fanOut(Shape.of(400, 784))).isEqualTo(400);
    assertThat(Inits.fanIn(Shape.of(64, 32, 4, 4))).isEqualTo(32 * 16);
    assertThat(Inits.fanOut(Shape.of(64, 32, 4, 4))).isEqualTo(64 * 16);
    assertThatThrownBy(() -> Inits.fanIn(Shape.of(5))).hasMessageContaining("(5)");
  }

  @Test
  void pytorchDefaultIsUniformWithBoundOneOverSqrtFanIn() {
    Shape s = Shape.of(200, 100);
    double[] w = Inits.pytorchDefault().draw(s, PhiloxStream.seeded(1));
    double bound = 1.0 / Math.sqrt(100);
    assertThat(w).hasSize(20_000);
    double max = 0;
    double sumSq = 0;
    for (double v : w) {
      max = Math.max(max, Math.abs(v));
      sumSq += v * v;
    }
    assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
    assertThat(sumSq / w.length).isCloseTo(bound * bound / 3, within(0.03 * bound * bound / 3));
  }

  @Test
  void heNormalAndXavierNormalHaveTheirVariances() {
    Shape s = Shape.of(300, 200);
    double he = variance(Inits.heNormal().draw(s, PhiloxStream.seeded(2)));
    double xavier = variance(Inits.xavierNormal(1.0).draw(s, PhiloxStream.seeded(3)));
    assertThat(he).isCloseTo(2.0 / 200, within(0.03 * 2.0 / 200));
    assertThat(xavier).isCloseTo(2.0 / 500, within(0.03 * 2.0 / 500));
  }

  @Test
  void xavierAndHeUniformBounds() {
    Shape s = Shape.of(30, 20, 3, 3);
    double xb = Math.sqrt(6.0 / (20 * 9 + 30 * 9));
    double hb = Math.sqrt(6.0 / (20 * 9));
    assertThat(maxAbs(Inits.xavierUniform(1.0).draw(s, PhiloxStream.seeded(4)))).isBetween(0.98 * xb, xb);
    assertThat(maxAbs(Inits.heUniform().draw(s, PhiloxStream.seeded(5)))).isBetween(0.98 * hb, hb);
  }

  @Test
  void sameSeedGivesSameValues() {
    Shape s = Shape.of(7, 5);
    assertThat(Inits.xavierUniform(Inits.gain("tanh")).draw(s, PhiloxStream.seeded(9)))
        .containsExactly(Inits.xavierUniform(Inits.gain("tanh")).draw(s, PhiloxStream.seeded(9)));
  }

  private static double variance(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s / v.length;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
