package org.vae4j.spark.train;

import java.io.Serializable;

/**
 * What one worker reports when the training stage ends.
 *
 * @param rank          the worker's rank
 * @param stageAttempt  the attempt of the training stage it ran in (0: the first; more after a rerun)
 * @param resumedAtStep the step it resumed from (0: from the start)
 * @param steps         global steps done
 * @param checksum      digest of its final parameters and buffers ({@link ParameterChecksum})
 * @param parameters    scalar parameters P
 * @param trainLoss     the last epoch's training loss (over all workers)
 * @param times         where its steps went
 */
public record RankResult(int rank, int stageAttempt, long resumedAtStep, long steps, long checksum, long parameters,
    double trainLoss, StepTimes times) implements Serializable {
  private static final long serialVersionUID = 1L;
}
