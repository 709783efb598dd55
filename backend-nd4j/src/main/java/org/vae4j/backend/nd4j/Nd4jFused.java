package org.vae4j.backend.nd4j;

import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.loss.SigmoidCrossEntropyLoss;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.AdamStep;

/**
 * The fused kernels nd4j announces, each on libnd4j's own ops: linear as one {@code matmul} (weight
 * transposed by the op) plus an in-place row-vector bias add; binary cross-entropy with logits as
 * {@code sigm_cross_entropy_loss} without reduction; Adam as one host loop on the CPU or as
 * {@code adam_updater}, either updating the moments in place. Every returned array is fresh and owned by the
 * caller. Stateless and thread-safe.
 */
final class Nd4jFused {
  private Nd4jFused() {
  }

  /** {@code x (n, in) @ weight (out, in)^T + bias (out)}; bias may be null. */
  static INDArray linear(INDArray x, INDArray weight, INDArray bias, Shape shape) {
    INDArray out = Nd4jOps.zeros(x.dataType(), shape);
    try {
      Nd4jOps.call("matmul").in(x, weight).out(out).ints(0, 1, 0).run();
      if (bias != null) {
        out.addiRowVector(bias);
      }
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** {@code max(l, 0) - l t + log(1 + e^-|l|)} elementwise; logits and targets of one shape. */
  static INDArray bceWithLogits(INDArray logits, INDArray targets) {
    try (INDArray one = Nd4j.scalar(logits.dataType(), 1.0)) {
      INDArray[] out = Nd4j.exec(new SigmoidCrossEntropyLoss(targets, logits, one, LossReduce.NONE, 0.0));
      return out[0];
    } catch (RuntimeException e) {
      throw new IllegalStateException("nd4j: native op 'sigm_cross_entropy_loss' failed on logits "
          + java.util.Arrays.toString(logits.shape()) + " " + logits.dataType() + ": " + e.getMessage(), e);
    }
  }

  /**
   * One Adam step; returns p' as a new array and overwrites m and v. On the CPU one Java pass over the host
   * memory ({@link Nd4jHostLoops#adamUpdate}), about ten times faster than libnd4j's op; elsewhere
   * {@link #adamUpdateOnLibnd4j}.
   */
  static INDArray adamUpdate(INDArray p, INDArray g, INDArray m, INDArray v, AdamStep s, Shape shape) {
    return Nd4jHostLoops.available() ? Nd4jHostLoops.adamUpdate(p, g, m, v, s, shape)
        : adamUpdateOnLibnd4j(p, g, m, v, s, shape);
  }

  /**
   * One Adam step: {@code adam_updater} overwrites m and v and yields the update
   * {@code lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m' / (sqrt(v') + epsilon)} for iteration {@code t - 1}
   * (libnd4j counts from 0); with {@code epsilon = eps * sqrt(1 - beta2^t)} that is {@link AdamStep}'s
   * update exactly. Returns {@code p - update} as a new array.
   */
  static INDArray adamUpdateOnLibnd4j(INDArray p, INDArray g, INDArray m, INDArray v, AdamStep s,
      Shape shape) {
    if (s.step() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("adamUpdate: step " + s.step() + " exceeds libnd4j's int iteration");
    }
    INDArray update = Nd4jOps.alloc(p.dataType(), shape);
    try {
      Nd4j.exec(new AdamUpdater(g, v, m, update, v, m, s.learningRate(), s.beta1(), s.beta2(),
          s.eps() * s.biasCorrection2Sqrt(), (int) (s.step() - 1)));
      return p.sub(update);
    } finally {
      update.close();
    }
  }
}
