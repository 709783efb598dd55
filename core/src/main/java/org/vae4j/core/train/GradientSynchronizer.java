package org.vae4j.core.train;

import java.util.Map;
import org.vae4j.api.Tensor;

/**
 * Combines the gradients of several workers that train one model together (synchronous data parallelism).
 * The {@link Trainer} calls it once per step on every worker, after {@code backward()} and before gradient
 * clipping and the optimizer's step; a single machine uses {@link #LOCAL}, which changes nothing.
 *
 * <p>On entry each parameter's {@code grad()} holds this worker's gradient of its own batch-mean loss (or is
 * null when this worker's loss was not finite, in which case {@code backward()} was not called). On return
 * every worker's {@code grad()} must hold the same values: the gradient of the example-weighted mean loss
 * over all workers' batches. The returned totals then decide, identically on every worker, whether the
 * step is taken: a non-finite total loss makes every worker skip (or stop) together.
 *
 * <p>Every worker must call it the same number of times with the same parameters in the same order; it is
 * called on the training thread only.
 */
@FunctionalInterface
public interface GradientSynchronizer {

  /** One machine: the local loss and batch are the totals, the gradients stay as they are. */
  GradientSynchronizer LOCAL = (parameters, loss, examples) -> new StepTotals(loss, examples);

  /**
   * The step's loss and examples over all workers.
   *
   * @param loss     the example-weighted mean of the workers' batch-mean losses; not finite when any
   *                 worker's loss was not finite
   * @param examples the examples of the step over all workers
   */
  record StepTotals(double loss, int examples) {
  }

  /**
   * Replaces each parameter's gradient by the mean over all workers' examples and returns the totals.
   *
   * @param parameters the optimizer's parameters by name, in the optimizer's order
   * @param loss       this worker's batch-mean loss
   * @param examples   this worker's batch size
   */
  StepTotals synchronize(Map<String, Tensor> parameters, double loss, int examples);
}
