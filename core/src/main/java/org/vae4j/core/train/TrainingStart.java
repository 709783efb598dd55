package org.vae4j.core.train;

/**
 * Where a run begins and how long it is.
 *
 * @param epochs        the total number of epochs configured
 * @param stepsPerEpoch optimizer steps in one epoch (batches per pass over the training set)
 * @param startEpoch    the epoch the first step belongs to, from 0 (nonzero after a resume)
 * @param startStep     steps already done (nonzero after a resume)
 * @param examples      examples in the training set
 */
public record TrainingStart(int epochs, int stepsPerEpoch, int startEpoch, long startStep, int examples) {

  /** Steps in the whole run, including those already done. */
  public long totalSteps() {
    return (long) epochs * stepsPerEpoch;
  }
}
