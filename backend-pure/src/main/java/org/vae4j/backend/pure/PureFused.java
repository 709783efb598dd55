package org.vae4j.backend.pure;

import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.AdamStep;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.UnaryOp;

/** The pure backend's fused kernels (see {@link org.vae4j.api.spi.Capability}). Stateless and thread-safe. */
final class PureFused {
  private PureFused() {
  }

  /**
   * The pure backend's {@link org.vae4j.api.spi.Kernels#linear}: the product {@code x @ weight^T} from
   * {@link PureLinalg#matmul}, with the bias added in place into that new array (no second array, no broadcast
   * machinery). Stateless and thread-safe.
   */
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
    PureBuffer y = PureLinalg.matmul(x, weight, false, true);
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

  /**
   * The pure backend's {@link org.vae4j.api.spi.Kernels#bceWithLogits}: {@code max(l, 0) - l t +
   * log(1 + e^-|l|)} in one parallel pass. FLOAT32 is evaluated in double with {@code Math.log} (an
   * intrinsic) instead of {@code log1p}: the absolute error stays near 1e-16, far below float rounding of the
   * result; FLOAT64 uses {@code Math.log1p}. Stateless and thread-safe.
   */
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
      float[] out = ArrayPool.floats(n);
      VectorLoops vector = VectorLoops.get();
      Parallel.forRange(n, Parallel.ELEMENTWISE_GRAIN / 4, (from, to) -> {
        if (vector != null) {
          vector.bceWithLogits(l, t, out, (int) from, (int) to);
          return;
        }
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
      double[] out = ArrayPool.doubles(n);
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

  /**
   * The pure backend's {@link org.vae4j.api.spi.Kernels#bceWithLogitsGradient}: {@code grad * (sigmoid(l) -
   * t)} in one parallel pass, the per-element operations of the composition (so the same bits), for
   * FLOAT32 on the vector loops; other dtypes take the composition. Stateless and thread-safe.
   */
  static PureBuffer bceWithLogitsGradient(PureBuffer grad, PureBuffer logits, PureBuffer targets) {
    String name = "bceWithLogitsGradient";
    for (PureBuffer b : new PureBuffer[] {grad, targets}) {
      if (!b.shape().equals(logits.shape()) || b.dtype() != logits.dtype()) {
        throw new IllegalArgumentException(name + ": logits " + logits.dtype() + " " + logits.shape()
            + " and " + b.dtype() + " " + b.shape() + " must have one shape and dtype");
      }
    }
    VectorLoops vector = VectorLoops.get();
    if (logits.dtype() != DType.FLOAT32 || vector == null) {
      try (PureBuffer sigmoid = PureElementwise.unary(UnaryOp.SIGMOID, logits);
          PureBuffer difference = PureElementwise.binary(BinaryOp.SUB, sigmoid, targets)) {
        return PureElementwise.binary(BinaryOp.MUL, grad, difference);
      }
    }
    float[] g = grad.floats(name);
    float[] l = logits.floats(name);
    float[] t = targets.floats(name);
    int n = logits.shape().sizeAsInt();
    float[] out = ArrayPool.floats(n);
    Parallel.forRange(n, Parallel.ELEMENTWISE_GRAIN / 4,
        (from, to) -> vector.bceWithLogitsGradient(g, l, t, out, (int) from, (int) to));
    return PureBuffer.of(out, logits.shape());
  }

  /**
   * The pure backend's {@link org.vae4j.api.spi.Kernels#adamUpdate}: one pass over parameter, gradient and
   * moments that overwrites the parameter's and the moments' arrays in place (pure buffers never share
   * arrays, so no other buffer can observe the write) and returns the parameter's buffer itself; parallel
   * ranges for large parameters, a loop body simple enough for C2 to vectorize. Stateless and thread-safe.
   */
  static PureBuffer adamUpdate(PureBuffer p, PureBuffer g, PureBuffer m, PureBuffer v, AdamStep s) {
    String name = "adamUpdate";
    for (PureBuffer b : new PureBuffer[] {g, m, v}) {
      if (!b.shape().equals(p.shape()) || b.dtype() != p.dtype()) {
        throw new IllegalArgumentException(name + ": parameter " + p.dtype() + " " + p.shape() + " and buffer "
            + b.dtype() + " " + b.shape() + " differ; gradient and moments must match the parameter");
      }
    }
    int n = p.shape().sizeAsInt();
    if (p.dtype() == DType.FLOAT32) {
      float[] pp = p.floats(name);
      float[] gg = g.floats(name);
      float[] mm = m.floats(name);
      float[] vv = v.floats(name);
      float[] po = pp;
      float[] mo = mm;
      float[] vo = vv;
      float b1 = (float) s.beta1();
      float c1 = (float) (1 - s.beta1());
      float b2 = (float) s.beta2();
      float c2 = (float) (1 - s.beta2());
      float eps = (float) s.eps();
      float step = (float) s.stepSize();
      float invCorrection = (float) (1 / s.biasCorrection2Sqrt());
      VectorLoops vector = VectorLoops.get();
      Parallel.forRange(n, Parallel.ELEMENTWISE_GRAIN, (from, to) -> {
        if (vector != null) {
          vector.adam(pp, gg, mm, vv, (int) from, (int) to, b1, c1, b2, c2, eps, step, invCorrection);
          return;
        }
        for (int i = (int) from; i < (int) to; i++) {
          float gi = gg[i];
          float mi = b1 * mm[i] + c1 * gi;
          float vi = b2 * vv[i] + c2 * gi * gi;
          mo[i] = mi;
          vo[i] = vi;
          po[i] = pp[i] - step * mi / ((float) Math.sqrt(vi) * invCorrection + eps);
        }
      });
      return p;
    }
    if (p.dtype() == DType.FLOAT64) {
      double[] pp = p.doubles(name);
      double[] gg = g.doubles(name);
      double[] mm = m.doubles(name);
      double[] vv = v.doubles(name);
      double[] po = pp;
      double[] mo = mm;
      double[] vo = vv;
      double b1 = s.beta1();
      double b2 = s.beta2();
      double eps = s.eps();
      double step = s.stepSize();
      double correction = s.biasCorrection2Sqrt();
      Parallel.forRange(n, Parallel.ELEMENTWISE_GRAIN, (from, to) -> {
        for (int i = (int) from; i < (int) to; i++) {
          double gi = gg[i];
          double mi = b1 * mm[i] + (1 - b1) * gi;
          double vi = b2 * vv[i] + (1 - b2) * gi * gi;
          mo[i] = mi;
          vo[i] = vi;
          po[i] = pp[i] - step * mi / (Math.sqrt(vi) / correction + eps);
        }
      });
      return p;
    }
    throw new IllegalArgumentException(name + ": needs FLOAT32 or FLOAT64 buffers, got " + p.dtype());
  }
}
