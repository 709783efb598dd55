package org.vae4j.backend.pure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;

/** Ops above the parallel thresholds give exactly what their sequential definitions give. */
class PureParallelTest {
  private final PureKernels k = new PureKernels();

  @Test
  void largeBroadcastUnaryAndReduceAgreeWithLoops() {
    int rows = 600;
    int cols = 300;
    Random r = new Random(2);
    float[] x = new float[rows * cols];
    float[] bias = new float[cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat();
    }
    for (int j = 0; j < cols; j++) {
      bias[j] = r.nextFloat();
    }
    try (Buffer xb = k.fromFloats(x, Shape.of(rows, cols));
        Buffer bb = k.fromFloats(bias, Shape.of(cols));
        Buffer sum = k.binary(BinaryOp.ADD, xb, bb);
        Buffer e = k.unary(UnaryOp.EXP, sum);
        Buffer colSums = k.reduce(ReduceOp.SUM, e, new int[] {0}, false);
        Buffer rowMax = k.reduce(ReduceOp.MAX, e, new int[] {1}, true)) {
      float[] ev = k.toFloats(e);
      float[] cs = k.toFloats(colSums);
      float[] rm = k.toFloats(rowMax);
      assertThat(rowMax.shape()).isEqualTo(Shape.of(rows, 1));
      for (int i = 0; i < rows; i++) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
          float expected = (float) Math.exp(x[i * cols + j] + bias[j]);
          assertThat(ev[i * cols + j]).isCloseTo(expected, org.assertj.core.data.Offset.offset(2 * Math.ulp(expected)));
          max = Math.max(max, ev[i * cols + j]);
        }
        assertThat(rm[i]).isEqualTo(max);
      }
      for (int j = 0; j < cols; j++) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
          s += ev[i * cols + j];
        }
        assertThat((double) cs[j]).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-6 * s));
      }
    }
  }

  /** 9 images of 20 x 20 make groups of 2 images, split over the threads. */
  @Test
  void groupedConvolutionMatchesOneImageAtATime() {
    Shape xs = Shape.of(9, 3, 20, 20);
    Shape ws = Shape.of(8, 3, 3, 3);
    Conv2dSpec spec = Conv2dSpec.of(1, 1);
    Random r = new Random(3);
    double[] x = r.doubles(xs.size(), -1, 1).toArray();
    double[] w = r.doubles(ws.size(), -1, 1).toArray();
    try (Buffer xb = k.fromDoubles(x, xs); Buffer wb = k.fromDoubles(w, ws); Buffer y = k.conv2d(xb, wb, spec);
        Buffer gw = k.conv2dBackwardWeight(xb, y, ws, spec)) {
      double[] all = k.toDoubles(y);
      double[] gwSum = new double[(int) ws.size()];
      int per = 3 * 20 * 20;
      for (int n = 0; n < 9; n++) {
        double[] one = java.util.Arrays.copyOfRange(x, n * per, (n + 1) * per);
        try (Buffer xn = k.fromDoubles(one, Shape.of(1, 3, 20, 20)); Buffer yn = k.conv2d(xn, wb, spec);
            Buffer gn = k.conv2dBackwardWeight(xn, yn, ws, spec)) {
          double[] single = k.toDoubles(yn);
          for (int i = 0; i < single.length; i++) {
            assertThat(all[n * single.length + i]).isCloseTo(single[i], org.assertj.core.data.Offset.offset(1e-12));
          }
          double[] g = k.toDoubles(gn);
          for (int i = 0; i < g.length; i++) {
            gwSum[i] += g[i];
          }
        }
      }
      double[] gwAll = k.toDoubles(gw);
      for (int i = 0; i < gwAll.length; i++) {
        assertThat(gwAll[i]).isCloseTo(gwSum[i], org.assertj.core.data.Offset.offset(1e-9));
      }
      assertThat(y.dtype()).isEqualTo(DType.FLOAT64);
    }
  }
}
