package org.vae4j.spark.train;

import java.util.Map;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Tensor;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.spark.random.RowKeyedStream;

/**
 * A model whose training noise comes from the examples themselves: at global step s, example j of the batch
 * draws from a stream keyed by (seed, s, its global index), whatever worker it lands on. The trainer's own
 * stream is not used for training; evaluation goes to the model as it is. Everything else is the model's.
 */
final class ExampleKeyedModel implements TrainableModel {
  private final TrainableModel model;
  private final ShardedDataset shard;
  private final ShardPlan plan;

  ExampleKeyedModel(TrainableModel model, ShardedDataset shard, ShardPlan plan) {
    this.model = model;
    this.shard = shard;
    this.plan = plan;
  }

  /** The wrapped model. */
  TrainableModel model() {
    return model;
  }

  @Override
  public Tensor loss(Batch batch, RandomStream rng) {
    throw new UnsupportedOperationException("ExampleKeyedModel: the trainer passes the step; call loss(batch, rng,"
        + " step)");
  }

  @Override
  public Tensor loss(Batch batch, RandomStream rng, long step) {
    int[] examples = shard.examplesOfStep(step);
    if (examples.length != batch.size()) {
      throw new IllegalStateException("ExampleKeyedModel: step " + step + " has " + batch.size() + " examples, the"
          + " shard plan " + examples.length);
    }
    long[] keys = new long[examples.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = plan.noiseKey(step, examples[i]);
    }
    return model.loss(batch, RowKeyedStream.of(keys), step);
  }

  @Override
  public Tensor evaluationLoss(Batch batch, RandomStream rng) {
    return model.evaluationLoss(batch, rng);
  }

  @Override
  public Map<String, Tensor> namedParameters() {
    return model.namedParameters();
  }

  @Override
  public Map<String, Tensor> namedBuffers() {
    return model.namedBuffers();
  }

  @Override
  public void train(boolean training) {
    model.train(training);
  }

  @Override
  public String modelName() {
    return model.modelName();
  }

  @Override
  public String modelConfig() {
    return model.modelConfig();
  }

  /** Leaves the model open: its owner closes it. */
  @Override
  public void close() {
  }
}
