package org.vae4j.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Something with trainable parameters, each under a stable dotted name ({@code encoder.0.weight}) that
 * checkpoints use.
 *
 * <p>Parameters are leaf tensors that {@link Tensor#requiresGrad() require gradients}; buffers are leaf
 * tensors that do not. The module owns both and closes them in {@link #close()}.
 */
public interface Module extends AutoCloseable {

  /** Parameters by name, in a stable order. Sub-modules' names carry their prefix. */
  Map<String, Tensor> namedParameters();

  /**
   * State that is saved with the model but not trained by gradients (an exponential-moving-average
   * codebook, running statistics), by name, in a stable order. Names must not collide with parameter
   * names. Empty by default.
   */
  default Map<String, Tensor> namedBuffers() {
    return Map.of();
  }

  /** The parameters of {@link #namedParameters()}, in order. */
  default List<Tensor> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** Total number of scalar parameters. */
  default long parameterCount() {
    long n = 0;
    for (Tensor t : namedParameters().values()) {
      n += t.size();
    }
    return n;
  }

  /** Switches between training behaviour (the default) and evaluation behaviour. */
  default void train(boolean training) {
  }

  /** Closes every parameter and buffer. */
  @Override
  default void close() {
    for (Tensor t : namedParameters().values()) {
      t.close();
    }
    for (Tensor t : namedBuffers().values()) {
      t.close();
    }
  }
}
