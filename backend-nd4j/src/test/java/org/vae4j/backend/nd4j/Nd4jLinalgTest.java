package org.vae4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.api.spi.UnaryOp;

/** matmul and conv2d against direct loops; the two conv2d gradients against the adjoint identities. */
class Nd4jLinalgTest extends TrackedBuffers {
  private final Random random = new Random(42);

  private double[] randoms(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @ParameterizedTest
  @CsvSource({"false,false", "true,false", "false,true", "true,true"})
  void batchedMatmulBroadcastsLeadingAxesAndTransposes(boolean ta, boolean tb) {
    int m = 3;
    int kk = 4;
    int n = 5;
    Shape aShape = ta ? Shape.of(2, 1, kk, m) : Shape.of(2, 1, m, kk);
    Shape bShape = tb ? Shape.of(3, n, kk) : Shape.of(3, kk, n);
    double[] a = randoms(aShape.sizeAsInt());
    double[] b = randoms(bShape.sizeAsInt());
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      try (Buffer x = k.cast(track(k.fromDoubles(a, aShape)), dtype);
          Buffer y = k.cast(track(k.fromDoubles(b, bShape)), dtype);
          Buffer z = k.matmul(x, y, ta, tb)) {
        assertThat(z.shape()).isEqualTo(Shape.of(2, 3, m, n));
        assertThat(z.dtype()).isEqualTo(dtype);
        double[] r = k.toDoubles(z);
        for (int p = 0; p < 2; p++) {
          for (int q = 0; q < 3; q++) {
            for (int i = 0; i < m; i++) {
              for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < kk; l++) {
                  double av = ta ? a[p * kk * m + l * m + i] : a[p * m * kk + i * kk + l];
                  double bv = tb ? b[q * n * kk + j * kk + l] : b[q * kk * n + l * n + j];
                  s += av * bv;
                }
                assertThat(r[((p * 3 + q) * m + i) * n + j]).isCloseTo(s, within(1e-5));
              }
            }
          }
        }
      }
    }
  }

  @Test
  void matmulOfABatchByAMatrixAndOfAnEmptyInnerAxis() {
    double[] a = randoms(2 * 3 * 4);
    double[] b = randoms(4 * 2);
    try (Buffer x = k.fromDoubles(a, Shape.of(2, 3, 4)); Buffer y = k.fromDoubles(b, Shape.of(4, 2));
        Buffer z = k.matmul(x, y, false, false);
        Buffer e = k.matmul(track(k.fromDoubles(new double[0], Shape.of(2, 0))),
            track(k.fromDoubles(new double[0], Shape.of(0, 3))), false, false)) {
      double[] r = k.toDoubles(z);
      for (int row = 0; row < 6; row++) {
        for (int j = 0; j < 2; j++) {
          double s = 0;
          for (int l = 0; l < 4; l++) {
            s += a[row * 4 + l] * b[l * 2 + j];
          }
          assertThat(r[row * 2 + j]).isCloseTo(s, within(1e-12));
        }
      }
      assertThat(e.shape()).isEqualTo(Shape.of(2, 3));
      assertThat(k.toDoubles(e)).containsOnly(0);
    }
  }

  @ParameterizedTest
  // the last two: 1x1 kernels
  @CsvSource({"1,1,0,0,1,1,3,2", "2,1,1,0,1,2,3,2", "2,3,2,1,2,1,3,2", "3,2,0,2,1,1,3,2", "1,1,0,0,1,1,1,1",
      "2,2,0,0,1,1,1,1"})
  void conv2dIsCrossCorrelationAndItsGradientsAreItsAdjoints(int sh, int sw, int ph, int pw, int dh, int dw,
      int kh, int kw) {
    Conv2dSpec spec = new Conv2dSpec(sh, sw, ph, pw, dh, dw);
    Shape in = Shape.of(2, 3, 9, 8);
    Shape w = Shape.of(4, 3, kh, kw);
    double[] x = randoms(in.sizeAsInt());
    double[] weight = randoms(w.sizeAsInt());
    int oh = spec.outH(9, kh);
    int ow = spec.outW(8, kw);
    Shape out = Shape.of(2, 4, oh, ow);
    double[] expected = new double[out.sizeAsInt()];
    for (int n = 0; n < 2; n++) {
      for (int o = 0; o < 4; o++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double s = 0;
            for (int c = 0; c < 3; c++) {
              for (int a = 0; a < kh; a++) {
                for (int b = 0; b < kw; b++) {
                  int h = i * sh - ph + a * dh;
                  int v = j * sw - pw + b * dw;
                  if (h >= 0 && h < 9 && v >= 0 && v < 8) {
                    s += x[((n * 3 + c) * 9 + h) * 8 + v] * weight[((o * 3 + c) * kh + a) * kw + b];
                  }
                }
              }
            }
            expected[((n * 4 + o) * oh + i) * ow + j] = s;
          }
        }
      }
    }
    double[] g = randoms(out.sizeAsInt());
    try (Buffer xb = k.fromDoubles(x, in); Buffer wb = k.fromDoubles(weight, w); Buffer gb = k.fromDoubles(g, out);
        Buffer y = k.conv2d(xb, wb, spec);
        Buffer gx = k.conv2dBackwardInput(gb, wb, in, spec);
        Buffer gw = k.conv2dBackwardWeight(xb, gb, w, spec)) {
      assertThat(y.shape()).isEqualTo(out);
      double[] r = k.toDoubles(y);
      for (int i = 0; i < r.length; i++) {
        assertThat(r[i]).isCloseTo(expected[i], within(1e-10));
      }
      double forward = dot(expected, g);
      assertThat(dot(x, k.toDoubles(gx))).as("<x, conv2d^T g>").isCloseTo(forward, within(1e-9 * Math.abs(forward) + 1e-9));
      assertThat(dot(weight, k.toDoubles(gw))).as("<w, dW g>").isCloseTo(forward, within(1e-9 * Math.abs(forward) + 1e-9));
    }
  }

  @Test
  void conv2dRunsInFloat32() {
    try (Buffer x = k.full(Shape.of(1, 2, 4, 4), DType.FLOAT32, 1); Buffer w = k.full(Shape.of(1, 2, 3, 3), DType.FLOAT32, 0.5f);
        Buffer y = k.conv2d(x, w, Conv2dSpec.of(1, 1))) {
      assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
      assertThat(k.toFloats(y)).containsExactly(4, 6, 6, 4, 6, 9, 9, 6, 6, 9, 9, 6, 4, 6, 6, 4);
    }
  }

  @Test
  void kernelsMayBeCalledFromSeveralThreadsOnSharedInputs() throws Exception {
    double[] a = randoms(40 * 30);
    double[] b = randoms(30 * 20);
    try (Buffer x = k.fromDoubles(a, Shape.of(40, 30)); Buffer y = k.fromDoubles(b, Shape.of(30, 20));
        Buffer reference = k.unary(UnaryOp.TANH, track(k.matmul(x, y, false, false)))) {
      double[] expected = k.toDoubles(reference);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<double[]>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          results.add(pool.submit(() -> {
            double[] last = null;
            for (int i = 0; i < 20; i++) {
              try (Buffer p = k.matmul(x, y, false, false); Buffer r = k.reshape(p, Shape.of(800));
                  Buffer q = k.unary(UnaryOp.TANH, r)) {
                last = k.toDoubles(q);
              }
            }
            return last;
          }));
        }
        for (Future<double[]> f : results) {
          assertThat(f.get()).containsExactly(expected);
        }
      } finally {
        pool.shutdown();
      }
    }
  }
}
