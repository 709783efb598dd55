package org.vae4j.api.spi;

/**
 * The scalars of one fused Adam step ({@link Kernels#adamUpdate}). With gradient g, parameter p and moments
 * m, v, the kernel computes, elementwise and in the buffers' dtype:
 * <pre>
 *   m' = beta1 * m + (1 - beta1) * g
 *   v' = beta2 * v + (1 - beta2) * g * g
 *   p' = p - stepSize * m' / (sqrt(v') / biasCorrection2Sqrt + eps)
 * </pre>
 * where the caller sets {@code stepSize = lr / (1 - beta1^t)} and {@code biasCorrection2Sqrt =
 * sqrt(1 - beta2^t)} for step t (PyTorch's {@code torch.optim.Adam}); weight decay, if any, is applied by
 * the caller to g or p before the call. A backend may round these scalars to float (its results then agree
 * with the formulas to float precision even on FLOAT64 buffers).
 *
 * @param beta1               decay of the first moment, in [0, 1)
 * @param beta2               decay of the second moment, in [0, 1)
 * @param eps                 added to the denominator, >= 0
 * @param stepSize            the bias-corrected learning rate
 * @param biasCorrection2Sqrt {@code sqrt(1 - beta2^t)}, in (0, 1]
 */
public record AdamStep(double beta1, double beta2, double eps, double stepSize, double biasCorrection2Sqrt) {
}
