package org.vae4j.core.transforms;

import org.vae4j.api.DType;
import org.vae4j.api.Tensor;

/**
 * The elementwise bijectors of {@link Bijectors}, formulas as torch.distributions.transforms: each is one
 * constant with its forward map, inverse and log-derivative, written to stay finite at large |x|.
 */
enum Elementwise implements Bijector {
  /** {@code y = e^x}; {@code log dy/dx = x}. */
  EXP {
    @Override
    public Tensor forward(Tensor x) {
      return x.exp();
    }

    @Override
    public Tensor inverse(Tensor y) {
      return y.log();
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
      return x.add(0.0);
    }
  },
  /**
   * {@code y = sigmoid(x)}, clamped to {@code [tiny, 1 - eps]} of the dtype as torch (so that the inverse
   * stays finite); {@code log dy/dx = -softplus(-x) - softplus(x)}.
   */
  SIGMOID {
    @Override
    public Tensor forward(Tensor x) {
      return clampUnit(x.sigmoid());
    }

    @Override
    public Tensor inverse(Tensor y) {
      Tensor c = clampUnit(y);
      return c.log().sub(c.neg().log1p());
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
      return x.neg().softplus().add(x.softplus()).neg();
    }
  },
  /** {@code y = tanh(x)}; {@code log dy/dx = 2 (log 2 - x - softplus(-2x))}. */
  TANH {
    @Override
    public Tensor forward(Tensor x) {
      return x.tanh();
    }

    @Override
    public Tensor inverse(Tensor y) {
      return y.log1p().sub(y.neg().log1p()).mul(0.5);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
      return x.mul(-2.0).softplus().add(x).rsub(Math.log(2.0)).mul(2.0);
    }
  },
  /** {@code y = softplus(x)}; {@code x = y + log(-expm1(-y))}; {@code log dy/dx = -softplus(-x)}. */
  SOFTPLUS {
    @Override
    public Tensor forward(Tensor x) {
      return x.softplus();
    }

    @Override
    public Tensor inverse(Tensor y) {
      return y.neg().expm1().neg().log().add(y);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
      return x.neg().softplus().neg();
    }
  };

  @Override
  public int eventDims() {
    return 0;
  }

  private static Tensor clampUnit(Tensor p) {
    DType d = p.dtype();
    double tiny = d == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    double eps = d == DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
    return p.maximum(p.factory().scalar(tiny, d)).minimum(p.factory().scalar(1 - eps, d));
  }

  @Override
  public String toString() {
    return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}
