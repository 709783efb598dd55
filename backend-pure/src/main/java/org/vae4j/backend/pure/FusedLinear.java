package org.vae4j.backend.pure;

import org.vae4j.api.Shape;

/**
 * The pure backend's {@link org.vae4j.api.spi.Kernels#linear}: the product {@code x @ weight^T} from
 * {@link Matmul}, with the bias added in place into that new array (no second array, no broadcast
 * machinery). Stateless and thread-safe.
 */
final class FusedLinear {
  private FusedLinear() {
  }

  static PureBuffer linear(PureBuffer x, PureBuffer weight, PureBuffer bias) {
    String name = "linear";
    Shape xs = x.shape();
    Shape ws = weight.shape();
    if (xs.rank() != 2 || ws.rank() != 2 || xs.dim(1) != ws.dim(1) || x.dtype() != weight.dtype()
        || (bias != null && (!bias.shape().equals(Shape.of(ws.dim(0))) || bias.dtype() != x.dtype()))) {
      throw new IllegalArgumentException(name + ": input " + x.dtype() + " " + xs + ", weight " + weight.dtype()
          + " " + ws + " and bias " + (bias == null ? "none" : bias.dtype() + " " + bias.shape())
          + " do not fit (n, in), (out, in) and (out) of one dtype");
    }
    PureBuffer y = Matmul.matmul(x, weight, false, true);
    if (bias == null) {
      return y;
    }
    int rows = xs.dim(0);
    int out = ws.dim(0);
    Object data = y.data(name);
    if (data instanceof float[] yf) {
      float[] b = bias.floats(name);
      Parallel.forRange(rows, Math.max(1, Parallel.ELEMENTWISE_GRAIN / Math.max(1, out)), (from, to) -> {
        for (int r = (int) from; r < (int) to; r++) {
          int o = r * out;
          for (int j = 0; j < out; j++) {
            yf[o + j] += b[j];
          }
        }
      });
    } else {
      double[] yd = (double[]) data;
      double[] b = bias.doubles(name);
      Parallel.forRange(rows, Math.max(1, Parallel.ELEMENTWISE_GRAIN / Math.max(1, out)), (from, to) -> {
        for (int r = (int) from; r < (int) to; r++) {
          int o = r * out;
          for (int j = 0; j < out; j++) {
            yd[o + j] += b[j];
          }
        }
      });
    }
    return y;
  }
}
