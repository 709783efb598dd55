package org.vae4j.core.estimators;

/** How an estimator turns per-example bounds into the scalar loss it returns. */
public enum Reduction {
  /** Minus the batch mean of the bound (the default). */
  MEAN,
  /** Minus the batch sum. */
  SUM,
  /**
   * Minus {@code N / M} times the batch sum (N the dataset size, M the batch size): the minibatch estimate
   * of the whole dataset's bound in the AEVB paper (Kingma and Welling 2014, eq. 8).
   */
  DATASET
}
