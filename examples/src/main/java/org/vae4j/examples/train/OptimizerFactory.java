package org.vae4j.examples.train;

import java.util.Map;
import org.vae4j.api.Tensor;
import org.vae4j.core.optim.Optimizer;

/**
 * Makes the optimizer of a run over a model's named parameters ({@link org.vae4j.examples.app.TrainingRuns}
 * makes Adam's).
 */
@FunctionalInterface
public interface OptimizerFactory {

  /** A new optimizer over {@code parameters}, which stay owned by their model. */
  Optimizer create(Map<String, Tensor> parameters);
}
