package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Tensor;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.random.GammaVariates;

/**
 * Reparameterized draws whose gradients are computed on the host (implicit reparameterization, Figurnov et
 * al. 2018), attached to the tape without a new primitive: {@code value + g * (param - detach(param))} has
 * the value {@code value} exactly (the difference is zero) and the derivative {@code g} in {@code param}.
 */
final class ImplicitGradients {
  private ImplicitGradients() {
  }

  /**
   * Log standard-gamma draws on the host, with their gradients in the concentration where a gradient is
   * recorded (else {@code logGradients} is null).
   */
  record LogGamma(double[] logValues, double[] logGradients) {
  }

  /**
   * Draws {@code log G} with {@code G ~ Gamma(concentration, 1)} elementwise, and {@code d log G / d
   * concentration} when the concentration requires a gradient and recording is on.
   */
  static LogGamma logStandardGamma(Tensor concentration, RandomStream rng) {
    boolean gradients = NoGrad.isRecording() && concentration.requiresGrad();
    double[] alpha;
    try (NoGrad ignored = NoGrad.enter()) {
      alpha = concentration.toDoubleArray();
    }
    double[] logValues = new double[alpha.length];
    double[] logGradients = gradients ? new double[alpha.length] : null;
    GammaVariates.sample(alpha, rng, logValues, logGradients);
    return new LogGamma(logValues, logGradients);
  }

  /**
   * {@code value + gradient * (param - detach(param))}: equal to {@code value}, with derivative
   * {@code gradient} with respect to {@code param} (all three of one shape, or broadcasting). When nothing
   * is recorded or param needs no gradient, {@code value} itself.
   */
  static Tensor attach(Tensor value, Tensor gradient, Tensor param) {
    if (!NoGrad.isRecording() || !param.requiresGrad()) {
      return value;
    }
    return value.add(gradient.mul(param.sub(param.detach())));
  }

  /** {@link #attach} with the gradient given on the host (of value's shape); null gives {@code value}. */
  static Tensor attach(Tensor value, double[] gradient, Tensor param) {
    if (gradient == null) {
      return value;
    }
    return attach(value, value.factory().of(gradient, value.shape(), value.dtype()), param);
  }

  /** The smallest positive normal number of a floating dtype (torch's {@code finfo.tiny}). */
  static double tiny(DType dtype) {
    return dtype == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
  }
}
