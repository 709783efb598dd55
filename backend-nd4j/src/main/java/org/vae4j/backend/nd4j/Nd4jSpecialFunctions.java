package org.vae4j.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.comparison.ScalarEquals;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.vae4j.api.Shape;

/**
 * Functions whose libnd4j 1.0.0-M2.1 kernels are inaccurate, recomposed from accurate native kernels
 * (exp, log, arithmetic, select). libnd4j computes {@code log1p(x)} as {@code log(1 + x)} and
 * {@code expm1(x)} as {@code exp(x) - 1}, which return 0 for |x| below machine epsilon; its softplus is
 * {@code log(1 + exp(x))}, infinite at x = 89 in FLOAT32. Each method writes into {@code z}, a fresh
 * array of x's shape and type, and frees its temporaries.
 */
final class Nd4jSpecialFunctions {
  /** From here up, FLOAT32's exp(-x) stays finite and libnd4j's FLOAT32 sigmoid is accurate. */
  private static final float SIGMOID_FLOAT32_TAIL = -80f;

  private Nd4jSpecialFunctions() {
  }

  /**
   * Goldberg's {@code log1p}: with {@code u = 1 + x}, {@code log(u) * x / (u - 1)}, or x where
   * {@code u == 1}; accurate to a few ulps for all x.
   */
  static void log1p(INDArray x, INDArray z, Shape shape) {
    log1p(x, z, shape, true);
  }

  /** {@link #log1p(INDArray, INDArray, Shape)}, skipping the infinity fix when x is known finite. */
  private static void log1p(INDArray x, INDArray z, Shape shape, boolean mayBeInfinite) {
    try (INDArray u = Nd4jOps.alloc(x.dataType(), shape); INDArray d = Nd4jOps.alloc(x.dataType(), shape)) {
      Nd4jOps.exec("log1p", new ScalarAdd(x, null, u, 1.0));
      Nd4jOps.exec("log1p", new ScalarSubtraction(u, null, d, 1.0));
      Nd4jOps.exec("log1p", new Log(u, z));
      Nd4jOps.call("multiply").in(z, x).out(z).run();
      Nd4jOps.call("divide").in(z, d).out(z).run();
      replaceWhere(z, d, 0.0, x, shape);
      if (mayBeInfinite) {
        replaceWhere(z, u, Double.POSITIVE_INFINITY, u, shape);
      }
    }
  }

  /**
   * Kahan's {@code expm1}: with {@code u = exp(x)}, {@code (u - 1) * x / log(u)}, or x where
   * {@code u == 1}, -1 where {@code u - 1 == -1} and infinity where u is; accurate to a few ulps.
   */
  static void expm1(INDArray x, INDArray z, Shape shape) {
    try (INDArray u = Nd4jOps.alloc(x.dataType(), shape); INDArray l = Nd4jOps.alloc(x.dataType(), shape)) {
      Nd4jOps.exec("expm1", new Exp(x, u));
      Nd4jOps.exec("expm1", new Log(u, l));
      Nd4jOps.exec("expm1", new ScalarSubtraction(u, null, z, 1.0));
      try (INDArray um1 = z.dup('c')) {
        Nd4jOps.call("multiply").in(z, x).out(z).run();
        Nd4jOps.call("divide").in(z, l).out(z).run();
        replaceWhere(z, u, 1.0, x, shape);
        replaceWhere(z, um1, -1.0, um1, shape);
        replaceWhere(z, u, Double.POSITIVE_INFINITY, u, shape);
      }
    }
  }

  /** {@code max(x, 0) + log1p(exp(-|x|))}: finite for all finite x, accurate at both tails. */
  static void softplus(INDArray x, INDArray z, Shape shape) {
    try (INDArray t = Nd4jOps.alloc(x.dataType(), shape); INDArray l = Nd4jOps.alloc(x.dataType(), shape)) {
      Nd4jOps.exec("softplus", new Abs(x, t));
      Nd4jOps.exec("softplus", new Negative(t, t));
      Nd4jOps.exec("softplus", new Exp(t, t));
      log1p(t, l, shape, false);
      Nd4jOps.exec("softplus", new RectifiedLinear(x, z, 0.0));
      Nd4jOps.call("add").in(z, l).out(z).run();
    }
  }

  /**
   * libnd4j's sigmoid is {@code 1 / (1 + exp(-x))}: accurate in FLOAT64 for |x| up to ~709, but in FLOAT32
   * {@code exp(-x)} overflows below x = -88.7 and the tiny (subnormal) results flush to 0. FLOAT32 input that
   * reaches below {@value #SIGMOID_FLOAT32_TAIL} (or holds a NaN) is therefore computed in FLOAT64 and rounded
   * once; the rest, checked in one host pass on the CPU, takes the FLOAT32 op (a third of the time).
   */
  static void sigmoid(INDArray x, INDArray z, Shape shape) {
    if (x.dataType() != DataType.FLOAT
        || Nd4jHostLoops.available() && Nd4jHostLoops.allAtLeast(x, shape, SIGMOID_FLOAT32_TAIL)) {
      Nd4jOps.exec("sigmoid", new Sigmoid(x, z));
      return;
    }
    try (INDArray wide = Nd4jOps.convert(x, DataType.DOUBLE, shape)) {
      Nd4jOps.exec("sigmoid", new Sigmoid(wide, wide));
      z.assign(wide);
    }
  }

  /** Trigamma, {@code d/dx digamma(x)}: libnd4j's {@code polygamma} of order 1. */
  static void trigamma(INDArray x, INDArray z, Shape shape) {
    try (INDArray order = Nd4jOps.full(x.dataType(), shape, 1.0)) {
      Nd4jOps.call("polygamma").in(order, x).out(z).run();
    }
  }

  /** {@code z = probe == value ? replacement : z}, elementwise over arrays of {@code shape}. */
  private static void replaceWhere(INDArray z, INDArray probe, double value, INDArray replacement, Shape shape) {
    try (INDArray mask = Nd4jOps.alloc(DataType.BOOL, shape)) {
      Nd4jOps.exec("equals", new ScalarEquals(probe, mask, value));
      Nd4jOps.call("select").in(mask, replacement, z).out(z).run();
    }
  }
}
