package org.vae4j.models.vq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.nn.MaskedConv2d;
import org.vae4j.core.nn.MaskedConv2d.Mask;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;

/**
 * Causality of the masked convolutions and of the whole prior, exhaustively over positions: changing the
 * code (or input) at position j must leave every output at positions {@code i <= j} (raster order) exactly
 * as it was, and must change the outputs at every position after j that the receptive field covers.
 */
class PixelCnnCausalityTest {
  private static final int SIDE = 7;
  private static final int K = 5;
  /** Larger than any float64 rounding of a real dependency seen, far above exact zero. */
  private static final double CHANGED = 1e-9;

  private final TensorFactory f = Tensors.factory();

  /** Max |a - b| per position of two {@code (1, C, H, W)} maps, as {@code H * W} values in raster order. */
  private static double[] changePerPosition(double[] a, double[] b, int channels, int positions) {
    double[] d = new double[positions];
    for (int c = 0; c < channels; c++) {
      for (int p = 0; p < positions; p++) {
        d[p] = Math.max(d[p], Math.abs(a[c * positions + p] - b[c * positions + p]));
      }
    }
    return d;
  }

  @Test
  void priorLogitsAtEachPositionIgnoreThatPositionAndLaterOnesButSeeEveryEarlierOne() {
    PixelCnnConfig config = new PixelCnnConfig(K, SIDE, SIDE, 4, 6, 3, 5);
    try (PixelCnnPrior prior = new PixelCnnPrior(config,
        new ParameterFactory(f, DType.FLOAT64, PhiloxStream.seeded(7)));
        NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      int n = SIDE * SIDE;
      int[] codes = new int[n];
      PhiloxStream rng = PhiloxStream.seeded(11);
      for (int i = 0; i < n; i++) {
        codes[i] = rng.nextInt(K);
      }
      double[] base = prior.logits(f.of(codes, Shape.of(1, SIDE, SIDE))).toDoubleArray();
      double weakest = Double.POSITIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        int[] changed = codes.clone();
        changed[j] = (codes[j] + 1) % K;
        double[] d = changePerPosition(base,
            prior.logits(f.of(changed, Shape.of(1, SIDE, SIDE))).toDoubleArray(), K, n);
        for (int i = 0; i < n; i++) {
          if (i <= j) {
            assertThat(d[i]).as("logits at %d after changing the code at %d (>= %d)", i, j, i).isZero();
          } else {
            assertThat(d[i]).as("logits at %d after changing the earlier code at %d", i, j).isGreaterThan(CHANGED);
            weakest = Math.min(weakest, d[i]);
          }
        }
      }
      assertThat(weakest).isGreaterThan(CHANGED);
    }
  }

  @Test
  void maskAHidesTheCentreAndMaskBShowsIt() {
    checkSingleLayer(Mask.A, false);
    checkSingleLayer(Mask.B, true);
  }

  /**
   * One 3x3 masked convolution on a 5x5 map: the output at i depends on the input at j < i exactly when j
   * is one of the kept taps, and on i itself only for mask B.
   */
  private void checkSingleLayer(Mask mask, boolean seesCentre) {
    int side = 5;
    int n = side * side;
    try (MaskedConv2d conv = new MaskedConv2d(2, 3, 3, mask, new ParameterFactory(f, DType.FLOAT64,
        PhiloxStream.seeded(3)));
        NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      double[] x = f.of(PhiloxStream.seeded(5).normalDoubles(2 * n), Shape.of(1, 2, side, side)).toDoubleArray();
      double[] base = conv.forward(f.of(x, Shape.of(1, 2, side, side))).toDoubleArray();
      for (int j = 0; j < n; j++) {
        double[] changed = x.clone();
        changed[j] += 1.0;
        changed[n + j] -= 0.5;
        double[] d = changePerPosition(base, conv.forward(f.of(changed, Shape.of(1, 2, side, side)))
            .toDoubleArray(), 3, n);
        int jr = j / side;
        int jc = j % side;
        for (int i = 0; i < n; i++) {
          int dr = jr - i / side + 1;
          int dc = jc - i % side + 1;
          boolean inKernel = dr >= 0 && dr < 3 && dc >= 0 && dc < 3;
          boolean expected = inKernel && mask.keeps(dr, dc, 3, 3);
          if (expected) {
            assertThat(d[i]).as("%s: output %d after changing input %d", mask, i, j).isGreaterThan(CHANGED);
          } else {
            assertThat(d[i]).as("%s: output %d after changing input %d", mask, i, j).isZero();
          }
          if (i == j) {
            assertThat(expected).as("%s sees the centre", mask).isEqualTo(seesCentre);
          }
          if (j > i) {
            assertThat(expected).as("%s sees the later position %d from %d", mask, j, i).isFalse();
          }
        }
      }
      assertThat(conv.mask().toDoubleArray()).containsExactly(mask.values(3, 3));
      double[] w = conv.weight().toDoubleArray();
      double[] m = mask.values(3, 3);
      for (int i = 0; i < w.length; i++) {
        if (m[i % 9] == 0) {
          assertThat(w[i]).as("weight %d at a masked tap", i).isZero();
        }
      }
    }
  }
}
