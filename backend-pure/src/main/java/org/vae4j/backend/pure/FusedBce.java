package org.vae4j.backend.pure;

import org.vae4j.api.DType;

/**
 * The pure backend's {@link org.vae4j.api.spi.Kernels#bceWithLogits}: {@code max(l, 0) - l t +
 * log(1 + e^-|l|)} in one parallel pass. FLOAT32 is evaluated in double with {@code Math.log} (an
 * intrinsic) instead of {@code log1p}: the absolute error stays near 1e-16, far below float rounding of the
 * result; FLOAT64 uses {@code Math.log1p}. Stateless and thread-safe.
 */
final class FusedBce {
  private FusedBce() {
  }

  static PureBuffer bceWithLogits(PureBuffer logits, PureBuffer targets) {
    String name = "bceWithLogits";
    if (!logits.shape().equals(targets.shape()) || logits.dtype() != targets.dtype()) {
      throw new IllegalArgumentException(name + ": logits " + logits.dtype() + " " + logits.shape()
          + " and targets " + targets.dtype() + " " + targets.shape() + " must have one shape and dtype");
    }
    int n = logits.shape().sizeAsInt();
    if (logits.dtype() == DType.FLOAT32) {
      float[] l = logits.floats(name);
      float[] t = targets.floats(name);
      float[] out = new float[n];
      Parallel.forRange(n, Parallel.ELEMENTWISE_GRAIN / 4, (from, to) -> {
        for (int i = (int) from; i < (int) to; i++) {
          double x = l[i];
          out[i] = (float) (Math.max(x, 0) - x * t[i] + Math.log(1 + Math.exp(-Math.abs(x))));
        }
      });
      return PureBuffer.of(out, logits.shape());
    }
    if (logits.dtype() == DType.FLOAT64) {
      double[] l = logits.doubles(name);
      double[] t = targets.doubles(name);
      double[] out = new double[n];
      Parallel.forRange(n, Parallel.ELEMENTWISE_GRAIN / 4, (from, to) -> {
        for (int i = (int) from; i < (int) to; i++) {
          double x = l[i];
          out[i] = Math.max(x, 0) - x * t[i] + Math.log1p(Math.exp(-Math.abs(x)));
        }
      });
      return PureBuffer.of(out, logits.shape());
    }
    throw new IllegalArgumentException(name + ": needs FLOAT32 or FLOAT64, got " + logits.dtype());
  }
}
