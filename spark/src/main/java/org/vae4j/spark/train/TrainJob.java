package org.vae4j.spark.train;

import java.io.Serializable;

/**
 * What every task of the training stage needs, sent with it: the run folder (on storage every executor
 * sees; its {@code run.json} holds the model, data and optimisation settings), the epochs, the backend, the
 * ring's settings and the job token.
 *
 * @param runFolder          absolute path of the run folder
 * @param epochs             total epochs
 * @param backend            backend name, or null for the executors' default
 * @param device             device, or null for the backend's default
 * @param workers            K
 * @param token              the job's secret for the ring's handshake
 * @param ringPort           base port (rank r listens on base + r), or 0 for any free port
 * @param ringTimeoutSeconds how long a ring read may wait
 * @param checkpointEvery    steps between checkpoints, 0 for one per epoch
 * @param failAtStep         for tests: the last rank fails at this step in the stage's first attempt (-1: never)
 */
public record TrainJob(String runFolder, int epochs, String backend, String device, int workers, byte[] token,
    int ringPort, int ringTimeoutSeconds, long checkpointEvery, long failAtStep) implements Serializable {
  private static final long serialVersionUID = 1L;
}
