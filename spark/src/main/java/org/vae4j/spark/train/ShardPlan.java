package org.vae4j.spark.train;

import java.io.Serializable;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.spark.random.RowKeyedStream;

/**
 * How K workers split one epoch so that together they take exactly the steps of one worker with the global
 * batch B: every epoch the N examples are shuffled by a Philox stream keyed by (seed, epoch), the same on
 * every worker; global batch t is positions {@code [tB, (t+1)B)} of that order, and worker r takes the
 * r-th of its K equal contiguous parts ({@code B / K} examples). The last, smaller global batch is cut to a
 * multiple of K (dropping at most K - 1 examples per epoch; none when K = 1) so that every worker has the
 * same number of examples and steps.
 *
 * @param examples  N, the training set's size
 * @param batch     B, the global batch
 * @param workers   K
 * @param seed      the run's seed
 */
public record ShardPlan(int examples, int batch, int workers, long seed) implements Serializable {
  private static final long serialVersionUID = 1L;

  public ShardPlan {
    if (workers < 1 || batch < 1 || examples < 1) {
      throw new IllegalArgumentException("ShardPlan: examples, batch and workers must be >= 1, got " + examples
          + ", " + batch + ", " + workers);
    }
    if (batch % workers != 0) {
      throw new IllegalArgumentException("--batch " + batch + " is not a multiple of --workers " + workers
          + "; give a global batch that splits evenly, e.g. --batch " + (batch / workers + 1) * workers);
    }
  }

  /** {@code B / K}, each worker's batch. */
  public int localBatch() {
    return batch / workers;
  }

  /** Examples in the last global batch after cutting it to a multiple of K (0: no last partial batch). */
  private int lastBatch() {
    int rest = examples % batch;
    return rest - rest % workers;
  }

  /** Global steps per epoch. */
  public int stepsPerEpoch() {
    return examples / batch + (lastBatch() > 0 ? 1 : 0);
  }

  /** Examples every worker sees per epoch. */
  public int localExamples() {
    return (examples / batch) * localBatch() + lastBatch() / workers;
  }

  /** Examples dropped per epoch to keep the workers even. */
  public int droppedPerEpoch() {
    return examples % batch - lastBatch();
  }

  /** The position in the epoch's order of worker {@code rank}'s local example {@code local}. */
  public int position(int rank, int local) {
    int b = localBatch();
    int t = local / b;
    int j = local % b;
    int full = examples / batch;
    if (t < full) {
      return t * batch + rank * b + j;
    }
    return full * batch + rank * (lastBatch() / workers) + j;
  }

  /** The epoch's order of the N examples: Fisher-Yates with a stream keyed by (seed, epoch). */
  public int[] order(int epoch) {
    int[] o = new int[examples];
    for (int i = 0; i < o.length; i++) {
      o[i] = i;
    }
    PhiloxStream rng = PhiloxStream.seeded(RowKeyedStream.key(seed, 0x5348554646L, epoch));
    for (int i = o.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = o[i];
      o[i] = o[j];
      o[j] = t;
    }
    return o;
  }

  /** The noise key of example {@code example} at global step {@code step}. */
  public long noiseKey(long step, int example) {
    return RowKeyedStream.key(seed, 0x4E4F495345L, step, example);
  }
}
