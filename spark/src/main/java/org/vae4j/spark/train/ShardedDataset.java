package org.vae4j.spark.train;

import org.vae4j.api.Shape;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.EpochReport;
import org.vae4j.core.train.TrainingListener;
import org.vae4j.core.train.TrainingStart;

/**
 * One worker's view of the training set under a {@link ShardPlan}: local example i of the current epoch is
 * the global example at the plan's position in that epoch's order. The trainer reads it in order
 * ({@code shuffle(false)}); the shuffle is the plan's. Register it as a listener so it follows the epoch.
 * Reads are thread-safe; the epoch is moved by the training thread.
 */
final class ShardedDataset implements Dataset, TrainingListener {
  private final Dataset global;
  private final ShardPlan plan;
  private final int rank;
  private volatile int epoch = -1;
  private volatile int[] order;

  ShardedDataset(Dataset global, ShardPlan plan, int rank) {
    if (global.size() != plan.examples()) {
      throw new IllegalArgumentException("ShardedDataset: the plan is for " + plan.examples() + " examples, the"
          + " training set has " + global.size());
    }
    this.global = global;
    this.plan = plan;
    this.rank = rank;
    moveTo(0);
  }

  private void moveTo(int e) {
    if (e != epoch) {
      order = plan.order(e);
      epoch = e;
    }
  }

  /** The global indices of the examples this worker trains on at global step {@code step} (from 1). */
  int[] examplesOfStep(long step) {
    int perEpoch = plan.stepsPerEpoch();
    int e = (int) ((step - 1) / perEpoch);
    int t = (int) ((step - 1) % perEpoch);
    int[] o = e == epoch ? order : plan.order(e);
    int from = t * plan.localBatch();
    int to = Math.min(plan.localExamples(), from + plan.localBatch());
    int[] out = new int[to - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = o[plan.position(rank, from + i)];
    }
    return out;
  }

  private int globalIndex(int local) {
    return order[plan.position(rank, local)];
  }

  @Override
  public int size() {
    return plan.localExamples();
  }

  @Override
  public Shape exampleShape() {
    return global.exampleShape();
  }

  @Override
  public boolean hasLabels() {
    return global.hasLabels();
  }

  @Override
  public void copyExample(int index, float[] destination, int offset) {
    global.copyExample(globalIndex(index), destination, offset);
  }

  @Override
  public int label(int index) {
    return global.label(globalIndex(index));
  }

  @Override
  public void onStart(TrainingStart start) {
    moveTo(start.startEpoch());
  }

  @Override
  public void onEpoch(EpochReport report) {
    moveTo(report.epoch() + 1);
  }
}
