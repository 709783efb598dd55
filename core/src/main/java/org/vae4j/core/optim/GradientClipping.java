package org.vae4j.core.optim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.autodiff.FusedPrimitives;
import org.vae4j.core.autodiff.NoGrad;

/** Gradient norms and clipping by global norm, as PyTorch's {@code clip_grad_norm_}. */
@SuppressWarnings("try") // scopes and NoGrad blocks are used for their effect, not referenced
public final class GradientClipping {
  private GradientClipping() {
  }

  /**
   * The Euclidean norm of all gradients of {@code parameters} taken together (parameters without a
   * gradient count as zero); NaN or infinite when a gradient is. Each gradient's sum of squares is one kernel
   * on the backend ({@code Kernels.sumOfSquares}), in its dtype (as PyTorch does), and all are read back in
   * one transfer.
   */
  public static double globalNorm(Collection<Tensor> parameters) {
    double sumOfSquares = 0;
    try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
      List<Tensor> sums = new ArrayList<>();
      for (Tensor p : parameters) {
        Tensor g = p.grad();
        if (g != null) {
          Tensor s = FusedPrimitives.sumOfSquares(g);
          sums.add(sums.isEmpty() || s.dtype() == sums.get(0).dtype() ? s : s.cast(sums.get(0).dtype()));
        }
      }
      if (!sums.isEmpty()) {
        for (double v : Tensors.stack(sums, 0).toDoubleArray()) {
          sumOfSquares += v;
        }
      }
    }
    return Math.sqrt(sumOfSquares);
  }

  /**
   * Scales every gradient by {@code maxNorm / (norm + 1e-6)} when that is below 1, so the global norm
   * becomes at most {@code maxNorm}; leaves them unchanged otherwise, and when the norm is not finite.
   *
   * @return the global norm before clipping
   */
  public static double clipByGlobalNorm(Collection<Tensor> parameters, double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("clipByGlobalNorm: maxNorm must be > 0, got " + maxNorm);
    }
    double norm = globalNorm(parameters);
    double coefficient = maxNorm / (norm + 1e-6);
    if (Double.isFinite(norm) && coefficient < 1) {
      try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
        for (Tensor p : parameters) {
          Tensor g = p.grad();
          if (g != null) {
            g.assign(g.mul(coefficient));
          }
        }
      }
    }
    return norm;
  }
}
