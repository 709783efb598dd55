package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Conv2dSpec;

/**
 * The forward contract of {@link org.vae4j.api.spi.Kernels}: every op of every family against references
 * computed in plain Java double arithmetic. It runs as a group of {@link BackendContractSuite}; a subclass
 * may supply other {@link #kernels()} and {@link #capabilities()}. The op-family groups are declared in the
 * superclasses ({@link ElementwiseContract}, {@link ReductionContract}, {@link MovementContract}) to keep
 * each file small; JUnit runs inherited {@code @Nested} groups too.
 */
public abstract class KernelContract extends MovementContract {

  /** Row-major {@code m x k} times {@code k x n}, with the sum of |terms| of each entry for the tolerance. */
  private static double[][] product(double[] a, double[] b, int m, int k, int n, boolean ta, boolean tb) {
    double[] c = new double[m * n];
    double[] mag = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        for (int p = 0; p < k; p++) {
          double t = (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
          c[i * n + j] += t;
          mag[i * n + j] += Math.abs(t);
        }
      }
    }
    return new double[][] {c, mag};
  }

  private void assertProduct(Buffer actual, Shape shape, DType dtype, double[] expected, double[] magnitude,
      String what) {
    assertThat(actual.shape()).as("%s: shape", what).isEqualTo(shape);
    assertThat(actual.dtype()).as("%s: dtype", what).isEqualTo(dtype);
    double[] got = kernels().toDoubles(actual);
    double eps = dtype == DType.FLOAT32 ? 1e-5 : 1e-13;
    for (int i = 0; i < expected.length; i++) {
      double bound = eps * (magnitude[i] + 1e-3);
      assertThat(Math.abs(got[i] - expected[i])).as("%s: element %d is %s, expected %s", what, i, got[i],
          expected[i]).isLessThanOrEqualTo(bound);
    }
  }

  @Nested
  class Matmul {
    private final int[][] sizes = {{3, 4, 5}, {1, 1, 1}, {1, 7, 1}, {2, 0, 3}, {67, 129, 33}, {130, 70, 41}};

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void multipliesWithEveryTransposeCombination(DType dtype) {
      assumeSupported(dtype);
      for (int[] s : sizes) {
        int m = s[0];
        int k = s[1];
        int n = s[2];
        double[] a = rounded(uniform(m * k, m + 31L * k, -1, 1), dtype);
        double[] b = rounded(uniform(k * n, n + 7L * k, -1, 1), dtype);
        for (int t = 0; t < 4; t++) {
          boolean ta = (t & 1) != 0;
          boolean tb = (t & 2) != 0;
          Buffer x = make(a, ta ? Shape.of(k, m) : Shape.of(m, k), dtype);
          Buffer y = make(b, tb ? Shape.of(n, k) : Shape.of(k, n), dtype);
          double[][] ref = product(a, b, m, k, n, ta, tb);
          assertProduct(track(kernels().matmul(x, y, ta, tb)), Shape.of(m, n), dtype, ref[0], ref[1],
              String.format("matmul %dx%dx%d transposeA %s transposeB %s %s", m, k, n, ta, tb, dtype));
        }
      }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void broadcastsBatchAxes(DType dtype) {
      assumeSupported(dtype);
      int m = 3;
      int k = 4;
      int n = 2;
      double[] a = rounded(uniform(2 * m * k, 1, -1, 1), dtype);
      double[] b = rounded(uniform(5 * k * n, 2, -1, 1), dtype);
      Buffer x = make(a, Shape.of(2, 1, m, k), dtype);
      Buffer y = make(b, Shape.of(5, n, k), dtype);
      Buffer r = track(kernels().matmul(x, y, false, true));
      double[] expected = new double[2 * 5 * m * n];
      double[] magnitude = new double[expected.length];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 5; j++) {
          double[][] ref = product(java.util.Arrays.copyOfRange(a, i * m * k, (i + 1) * m * k),
              java.util.Arrays.copyOfRange(b, j * k * n, (j + 1) * k * n), m, k, n, false, true);
          System.arraycopy(ref[0], 0, expected, (i * 5 + j) * m * n, m * n);
          System.arraycopy(ref[1], 0, magnitude, (i * 5 + j) * m * n, m * n);
        }
      }
      assertProduct(r, Shape.of(2, 5, m, n), dtype, expected, magnitude, "(2, 1, 3, 4) @ (5, 2, 4)^T");

      Buffer batch = make(a, Shape.of(2, m, k), dtype);
      Buffer single = make(java.util.Arrays.copyOf(b, k * 6), Shape.of(k, 6), dtype);
      double[] e2 = new double[2 * m * 6];
      double[] mag2 = new double[e2.length];
      for (int i = 0; i < 2; i++) {
        double[][] ref = product(java.util.Arrays.copyOfRange(a, i * m * k, (i + 1) * m * k),
            java.util.Arrays.copyOf(b, k * 6), m, k, 6, false, false);
        System.arraycopy(ref[0], 0, e2, i * m * 6, m * 6);
        System.arraycopy(ref[1], 0, mag2, i * m * 6, m * 6);
      }
      assertProduct(track(kernels().matmul(batch, single, false, false)), Shape.of(2, m, 6), dtype, e2, mag2,
          "(2, 3, 4) @ (4, 6)");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void multipliesPermutedAndSlicedOperands(DType dtype) {
      assumeSupported(dtype);
      double[] a = rounded(uniform(5 * 4, 11, -1, 1), dtype);
      double[] b = rounded(uniform(5 * 6, 12, -1, 1), dtype);
      Buffer at = track(kernels().permute(make(a, Shape.of(5, 4), dtype), new int[] {1, 0}));
      Buffer bs = track(kernels().slice(make(b, Shape.of(5, 6), dtype), new int[] {0, 1}, new int[] {5, 4}));
      double[] bSliced = new double[15];
      for (int p = 0; p < 5; p++) {
        System.arraycopy(b, p * 6 + 1, bSliced, p * 3, 3);
      }
      double[][] ref = product(a, bSliced, 4, 5, 3, true, false);
      assertProduct(track(kernels().matmul(at, bs, false, false)), Shape.of(4, 3), dtype, ref[0], ref[1],
          "permuted (4, 5) @ sliced (5, 3)");
    }
  }

  @Nested
  class Conv2d {
    private final int[][] geometries = {
        // n, c, h, w, o, kh, kw, strideH, strideW, padH, padW, dilationH, dilationW
        {2, 3, 7, 6, 4, 3, 2, 2, 1, 1, 2, 1, 2},
        {1, 2, 5, 5, 3, 1, 1, 1, 1, 0, 0, 1, 1},
        {3, 4, 3, 5, 2, 1, 1, 1, 1, 0, 0, 1, 1}, // pointwise over several images
        {3, 1, 8, 8, 2, 3, 3, 1, 1, 1, 1, 1, 1},
        {2, 4, 9, 7, 5, 3, 3, 2, 2, 0, 1, 2, 1},
        {1, 1, 4, 4, 1, 4, 4, 1, 1, 0, 0, 1, 1},
        {1, 2, 2, 2, 3, 7, 7, 1, 1, 3, 3, 1, 1}, // kernel wider than the input: some taps see only padding
        {2, 2, 4, 21, 3, 2, 3, 1, 1, 1, 1, 1, 1}, // output rows 21 wide: a backend may copy those as runs
        {1, 2, 3, 41, 2, 3, 3, 2, 2, 1, 0, 1, 1}, // strided, output rows 20 wide
        {2, 5, 6, 4, 3, 3, 2, 1, 1, 1, 0, 1, 1}, // fewer output than input channels at stride 1, uneven padding
    };

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void matchesDirectLoopsForwardAndBackward(DType dtype) {
      assumeSupported(dtype);
      for (int[] g : geometries) {
        Conv2dSpec spec = new Conv2dSpec(g[7], g[8], g[9], g[10], g[11], g[12]);
        NaiveConv ref = new NaiveConv(g[0], g[1], g[2], g[3], g[4], g[5], g[6], spec);
        Shape xs = Shape.of(g[0], g[1], g[2], g[3]);
        Shape ws = Shape.of(g[4], g[1], g[5], g[6]);
        Shape ys = Shape.of(g[0], g[4], ref.oh, ref.ow);
        double[] x = rounded(uniform(xs.sizeAsInt(), g[2], -1, 1), dtype);
        double[] w = rounded(uniform(ws.sizeAsInt(), g[4], -1, 1), dtype);
        double[] gy = rounded(uniform(ys.sizeAsInt(), g[3], -1, 1), dtype);
        Buffer xb = make(x, xs, dtype);
        Buffer wb = make(w, ws, dtype);
        Buffer gb = make(gy, ys, dtype);
        String what = "conv2d " + xs + " * " + ws + " " + spec + " " + dtype;
        double tol = dtype == DType.FLOAT32 ? 2e-5 : 1e-12;

        Buffer y = track(kernels().conv2d(xb, wb, spec));
        assertBuffer(y, ys, dtype, ref.forward(x, w), tol, tol, what + " forward");
        Buffer gx = track(kernels().conv2dBackwardInput(gb, wb, xs, spec));
        assertBuffer(gx, xs, dtype, ref.backwardInput(gy, w), tol, tol, what + " backward input");
        Buffer gw = track(kernels().conv2dBackwardWeight(xb, gb, ws, spec));
        assertBuffer(gw, ws, dtype, ref.backwardWeight(x, gy), tol, tol * 10, what + " backward weight");
        List<Buffer> both = kernels().conv2dBackward(xb, gb, wb, spec);
        both.forEach(b -> track(b));
        assertBuffer(both.get(0), xs, dtype, ref.backwardInput(gy, w), tol, tol, what + " both, input");
        assertBuffer(both.get(1), ws, dtype, ref.backwardWeight(x, gy), tol, tol * 10, what + " both, weight");

        double forward = dot(kernels().toDoubles(y), gy);
        double viaInput = dot(x, kernels().toDoubles(gx));
        double viaWeight = dot(w, kernels().toDoubles(gw));
        double scale = tol * 10 * (1 + Math.abs(forward));
        assertThat(Math.abs(forward - viaInput)).as("%s: <conv(x, w), g> = <x, backInput(g, w)>: %s vs %s",
            what, forward, viaInput).isLessThanOrEqualTo(scale);
        assertThat(Math.abs(forward - viaWeight)).as("%s: <conv(x, w), g> = <w, backWeight(x, g)>: %s vs %s",
            what, forward, viaWeight).isLessThanOrEqualTo(scale);
      }
    }
  }
}
