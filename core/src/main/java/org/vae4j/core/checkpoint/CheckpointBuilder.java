package org.vae4j.core.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.Module;
import org.vae4j.api.Tensor;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;

/**
 * Collects what a {@link Checkpoint} holds. Tensors are copied to the host when added, so later updates
 * of the model or optimizer do not change the checkpoint. Not thread-safe.
 */
public final class CheckpointBuilder {
  private final Map<String, HostTensor> parameters = new LinkedHashMap<>();
  private final Map<String, HostTensor> extra = new LinkedHashMap<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();

  CheckpointBuilder() {
    metadata.put(Checkpoint.KEY_VERSION, Checkpoint.currentVersion());
  }

  /** The model's parameters and buffers ({@link Module#namedBuffers()}) under their names. */
  public CheckpointBuilder parameters(Module model) {
    return parameters(Checkpoint.modelState(model));
  }

  /** Parameters under their names, which must not start with a reserved prefix. */
  public CheckpointBuilder parameters(Map<String, Tensor> named) {
    Map<String, HostTensor> host = new LinkedHashMap<>();
    named.forEach((k, v) -> host.put(k, HostTensor.of(v)));
    parameters.putAll(Checkpoint.requireNoReservedPrefix(host));
    return this;
  }

  /** The optimizer's state tensors (prefixed {@value Checkpoint#OPTIMIZER_PREFIX}), kind and step count. */
  public CheckpointBuilder optimizer(Optimizer optimizer) {
    optimizer.state().forEach((k, v) -> extra.put(Checkpoint.OPTIMIZER_PREFIX + k, HostTensor.of(v)));
    metadata.put(Checkpoint.KEY_OPTIMIZER, optimizer.kind());
    metadata.put(Checkpoint.KEY_OPTIMIZER_STEP, Long.toString(optimizer.stepCount()));
    return this;
  }

  /** A trainer tensor stored as {@value Checkpoint#TRAINER_PREFIX}{@code name}. */
  public CheckpointBuilder trainerTensor(String name, HostTensor tensor) {
    extra.put(Checkpoint.TRAINER_PREFIX + name, tensor);
    return this;
  }

  /** The training position: steps done, the epoch in progress and batches of it done. */
  public CheckpointBuilder position(long step, int epoch, int batchInEpoch) {
    if (step < 0 || epoch < 0 || batchInEpoch < 0) {
      throw new IllegalArgumentException("checkpoint: position must be >= 0, got step=" + step + ", epoch=" + epoch
          + ", batchInEpoch=" + batchInEpoch);
    }
    metadata.put(Checkpoint.KEY_STEP, Long.toString(step));
    metadata.put(Checkpoint.KEY_EPOCH, Integer.toString(epoch));
    metadata.put(Checkpoint.KEY_BATCH_IN_EPOCH, Integer.toString(batchInEpoch));
    return this;
  }

  /** The random stream's current state. */
  public CheckpointBuilder random(PhiloxStream stream) {
    metadata.put(Checkpoint.KEY_RANDOM, Checkpoint.formatRandom(stream.state()));
    return this;
  }

  /** The model's name and configuration string. */
  public CheckpointBuilder model(String name, String config) {
    metadata.put(Checkpoint.KEY_MODEL, name);
    metadata.put(Checkpoint.KEY_MODEL_CONFIG, config);
    return this;
  }

  /** Any other metadata entry; keys starting with {@code vae4j.} are reserved. */
  public CheckpointBuilder metadata(String key, String value) {
    if (key.startsWith("vae4j.")) {
      throw new IllegalArgumentException("checkpoint: metadata key '" + key + "' is reserved (prefix 'vae4j.')");
    }
    metadata.put(key, value);
    return this;
  }

  /** The checkpoint. */
  public Checkpoint build() {
    Map<String, HostTensor> all = new LinkedHashMap<>(parameters);
    all.putAll(extra);
    return new Checkpoint(null, all, metadata);
  }
}
