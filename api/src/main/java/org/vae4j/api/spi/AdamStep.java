package org.vae4j.api.spi;

/**
 * The scalars of one fused Adam step ({@link Kernels#adamUpdate}). With gradient g, parameter p and moments
 * m, v at step t (from 1), the kernel computes, elementwise and in the buffers' dtype, PyTorch's
 * {@code torch.optim.Adam}:
 * <pre>
 *   m' = beta1 * m + (1 - beta1) * g
 *   v' = beta2 * v + (1 - beta2) * g * g
 *   p' = p - stepSize * m' / (sqrt(v') / biasCorrection2Sqrt + eps)
 * </pre>
 * with {@link #stepSize()} {@code = learningRate / (1 - beta1^t)} and {@link #biasCorrection2Sqrt()}
 * {@code = sqrt(1 - beta2^t)}. Weight decay, if any, is applied by the caller to g or p before the call.
 * FLOAT64 buffers need the scalars in double precision (the results agree with the formulas to FLOAT64
 * rounding); FLOAT32 buffers may use float scalars.
 *
 * @param learningRate the scheduled rate, > 0
 * @param beta1        decay of the first moment, in [0, 1)
 * @param beta2        decay of the second moment, in [0, 1)
 * @param eps          added to the denominator, >= 0
 * @param step         t, the 1-based number of this step
 */
public record AdamStep(double learningRate, double beta1, double beta2, double eps, long step) {

  /** {@code learningRate / (1 - beta1^t)}. */
  public double stepSize() {
    return learningRate / (1 - Math.pow(beta1, step));
  }

  /** {@code sqrt(1 - beta2^t)}. */
  public double biasCorrection2Sqrt() {
    return Math.sqrt(1 - Math.pow(beta2, step));
  }
}
