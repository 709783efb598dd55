package org.vae4j.backend.pure;

import org.vae4j.api.DType;
import org.vae4j.api.spi.AdamStep;

/**
 * The pure backend's {@link org.vae4j.api.spi.Kernels#adamUpdate}: one pass over parameter, gradient and
 * moments that overwrites the parameter's and the moments' arrays in place (pure buffers never share
 * arrays, so no other buffer can observe the write) and returns the parameter's buffer itself; parallel
 * ranges for large parameters, a loop body simple enough for C2 to vectorize. Stateless and thread-safe.
 */
final class FusedAdam {
  private FusedAdam() {
  }

  static PureBuffer update(PureBuffer p, PureBuffer g, PureBuffer m, PureBuffer v, AdamStep s) {
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
      Parallel.forRange(n, Parallel.ELEMENTWISE_GRAIN, (from, to) -> {
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
