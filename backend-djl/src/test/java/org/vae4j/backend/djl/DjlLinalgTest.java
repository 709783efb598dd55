package org.vae4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import java.util.stream.Stream;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Conv2dSpec;

class DjlLinalgTest extends KernelsTestBase {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void batchedMatmulBroadcastsLeadingAxesAndTransposes(int flags) {
    boolean ta = (flags & 1) != 0;
    boolean tb = (flags & 2) != 0;
    int m = 3;
    int kk = 4;
    int n = 5;
    double[] a = values(flags, 2 * m * kk, -1, 1);
    double[] b = values(flags + 10, kk * n, -1, 1);
    Buffer left = ta ? f64(a, 2, 1, kk, m) : f64(a, 2, 1, m, kk);
    Buffer right = tb ? f64(b, 1, n, kk) : f64(b, 1, kk, n);
    Buffer r = track(k.matmul(left, right, ta, tb));
    assertThat(r.shape()).isEqualTo(Shape.of(2, 1, m, n));
    double[] got = d(r);
    for (int batch = 0; batch < 2; batch++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int l = 0; l < kk; l++) {
            double x = ta ? a[batch * kk * m + l * m + i] : a[batch * m * kk + i * kk + l];
            double y = tb ? b[j * kk + l] : b[l * n + j];
            s += x * y;
          }
          assertThat(got[(batch * m + i) * n + j]).isCloseTo(s, within(1e-12));
        }
      }
    }
  }

  static Stream<Arguments> geometries() {
    return Stream.of(
        Arguments.of(new Conv2dSpec(1, 1, 0, 0, 1, 1), 5, 6, 3, 3),
        Arguments.of(new Conv2dSpec(2, 2, 1, 1, 1, 1), 7, 6, 3, 3),
        Arguments.of(new Conv2dSpec(2, 1, 1, 0, 1, 2), 5, 6, 3, 2),
        Arguments.of(new Conv2dSpec(3, 2, 0, 2, 2, 1), 9, 8, 2, 3),
        Arguments.of(new Conv2dSpec(2, 2, 3, 3, 1, 1), 6, 6, 3, 3),
        Arguments.of(new Conv2dSpec(2, 4, 1, 2, 2, 2), 9, 13, 3, 4),
        Arguments.of(new Conv2dSpec(3, 3, 0, 0, 1, 1), 8, 7, 2, 2),
        Arguments.of(new Conv2dSpec(4, 2, 2, 1, 6, 3), 17, 11, 2, 3),
        Arguments.of(new Conv2dSpec(2, 2, 1, 1, 1, 1), 28, 28, 4, 4));
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void conv2dAndItsGradientsMatchADirectLoop(Conv2dSpec spec, int h, int w, int kh, int kw) {
    int n = 2;
    int c = 3;
    int o = 4;
    int oh = spec.outH(h, kh);
    int ow = spec.outW(w, kw);
    double[] x = values(h * 31L + w, n * c * h * w, -1, 1);
    double[] wt = values(kh * 7L + kw, o * c * kh * kw, -1, 1);
    double[] g = values(oh * 13L + ow, n * o * oh * ow, -1, 1);
    double[] want = new double[n * o * oh * ow];
    double[] wantInput = new double[x.length];
    double[] wantWeight = new double[wt.length];
    for (int b = 0; b < n; b++) {
      for (int q = 0; q < o; q++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            int out = ((b * o + q) * oh + i) * ow + j;
            for (int ch = 0; ch < c; ch++) {
              for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                  int y = i * spec.strideH() - spec.padH() + u * spec.dilationH();
                  int z = j * spec.strideW() - spec.padW() + v * spec.dilationW();
                  if (y < 0 || y >= h || z < 0 || z >= w) {
                    continue;
                  }
                  int in = ((b * c + ch) * h + y) * w + z;
                  int wi = ((q * c + ch) * kh + u) * kw + v;
                  want[out] += x[in] * wt[wi];
                  wantInput[in] += g[out] * wt[wi];
                  wantWeight[wi] += g[out] * x[in];
                }
              }
            }
          }
        }
      }
    }
    Buffer input = f64(x, n, c, h, w);
    Buffer weight = f64(wt, o, c, kh, kw);
    Buffer grad = f64(g, n, o, oh, ow);
    Buffer y = track(k.conv2d(input, weight, spec));
    Buffer dx = track(k.conv2dBackwardInput(grad, weight, Shape.of(n, c, h, w), spec));
    Buffer dw = track(k.conv2dBackwardWeight(input, grad, Shape.of(o, c, kh, kw), spec));
    assertThat(y.shape()).isEqualTo(Shape.of(n, o, oh, ow));
    assertThat(dx.shape()).isEqualTo(Shape.of(n, c, h, w));
    assertThat(dw.shape()).isEqualTo(Shape.of(o, c, kh, kw));
    assertThat(d(y)).as("conv2d %s", spec).containsExactly(want, within(1e-12));
    assertThat(d(dx)).as("conv2dBackwardInput %s", spec).containsExactly(wantInput, within(1e-12));
    assertThat(d(dw)).as("conv2dBackwardWeight %s", spec).containsExactly(wantWeight, within(1e-12));
    float[] y32 = k.toFloats(track(k.conv2d(f32(floats(x), n, c, h, w), f32(floats(wt), o, c, kh, kw), spec)));
    for (int i = 0; i < want.length; i++) {
      assertThat((double) y32[i]).isCloseTo(want[i], within(1e-4));
    }
  }
}
