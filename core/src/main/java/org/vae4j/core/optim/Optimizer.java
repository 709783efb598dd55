package org.vae4j.core.optim;

import java.util.Map;
import org.vae4j.api.Tensor;

/**
 * Updates a fixed set of named parameters from their accumulated gradients ({@link Tensor#grad()}), with
 * PyTorch's update formulas.
 *
 * <p><b>Memory.</b> {@link #step()} runs under {@code NoGrad} in its own {@code Scope}: its temporaries are
 * freed before it returns, parameters are overwritten with {@link Tensor#assign}, and the optimizer's state
 * tensors (moments, accumulators) are owned by the optimizer, belong to no scope and are closed by
 * {@link #close()}. The parameters stay owned by their module.
 *
 * <p><b>State.</b> {@link #state()} names every state tensor {@code <kind>.<slot>.<parameter name>}, for
 * instance {@code adam.m.encoder.0.weight}; with {@link #stepCount()} it is everything a checkpoint needs
 * to continue exactly ({@link #loadState}).
 *
 * <p>Parameters without a gradient at a step (not used by the loss) are left unchanged, their state too.
 * Not thread-safe.
 */
public interface Optimizer extends AutoCloseable {

  /** The prefix of the state names: {@code "sgd"}, {@code "adam"}, {@code "adagrad"}, {@code "rmsprop"}. */
  String kind();

  /** The parameters, by name, in the order given at construction. Unmodifiable. */
  Map<String, Tensor> parameters();

  /** Applies one update from the parameters' current gradients, then counts the step. */
  void step();

  /** Drops every parameter's gradient (call before each backward pass). */
  default void zeroGrad() {
    for (Tensor p : parameters().values()) {
      p.zeroGrad();
    }
  }

  /** Steps taken so far. */
  long stepCount();

  /** The rate the next {@link #step()} uses, from the learning-rate schedule. */
  double learningRate();

  /**
   * The state tensors by name (see the class comment). Live and owned by this optimizer: read, do not close.
   * A fused optimizer step overwrites their buffers in place, so a view made from one (as {@code detach()}
   * may be) follows the updates; copy the values you want to keep (for instance with {@code mul(1.0)}).
   */
  Map<String, Tensor> state();

  /**
   * Restores state saved from an optimizer of the same kind and parameters: copies each tensor of
   * {@code state} into this optimizer's tensor of that name and sets the step count. The arguments stay
   * owned by the caller.
   *
   * @throws IllegalArgumentException listing every missing or unexpected name and every shape or dtype
   *                                  mismatch, before anything is changed
   */
  void loadState(Map<String, Tensor> state, long stepCount);

  /** Closes the state tensors (not the parameters). */
  @Override
  void close();
}
