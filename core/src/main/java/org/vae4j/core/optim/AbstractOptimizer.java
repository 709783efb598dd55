package org.vae4j.core.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;

/**
 * What every optimizer shares: the named parameters, the schedule, the step count, the named state
 * tensors (made here, owned by no scope) and the step, which runs the parameters' updates under
 * {@link NoGrad} in one scope of the step's own.
 */
@SuppressWarnings("try") // scopes and NoGrad blocks are used for their effect, not referenced
abstract class AbstractOptimizer implements Optimizer {
  private final Map<String, Tensor> parameters;
  private final LearningRateSchedule schedule;
  private final Map<String, Tensor> state = new LinkedHashMap<>();
  private long steps;
  private boolean closed;

  AbstractOptimizer(Map<String, Tensor> parameters, LearningRateSchedule schedule) {
    Objects.requireNonNull(parameters, "parameters");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException(kind() + ": no parameters to optimize");
    }
    for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
      Tensor p = e.getValue();
      if (!p.dtype().isFloatingPoint() || !p.requiresGrad()) {
        throw new IllegalArgumentException(kind() + ": parameter '" + e.getKey() + "' (" + p.dtype() + " "
            + p.shape() + ") is not a floating-point tensor that requires a gradient; call requireGrad() on it");
      }
    }
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * Updates one parameter under NoGrad inside the step's scope: {@code t} is the 1-based step number and
   * {@code lr} the scheduled rate. Implementations write parameter and state with {@link Tensor#assign}, or
   * (fused kernels) overwrite the state tensors' buffers in place: state memory is never shared with another
   * tensor.
   */
  abstract void update(String name, Tensor parameter, Tensor grad, double lr, long t);

  /** A parameter and its gradient, as {@link #step()} hands them to {@link #updateAll}. */
  record ParameterGradient(String name, Tensor parameter, Tensor grad) {
  }

  /**
   * Updates every parameter that has a gradient, in the parameters' order, under the same rules as
   * {@link #update}; the default calls it for each. An optimizer whose backend kernel takes several parameters
   * at once overrides this.
   */
  void updateAll(List<ParameterGradient> updates, double lr, long t) {
    for (ParameterGradient u : updates) {
      update(u.name(), u.parameter(), u.grad(), lr, t);
    }
  }

  /** Makes a zero state tensor like {@code parameter}, named {@code kind.slot.name}, owned by this optimizer. */
  final Tensor newState(String slot, String name, Tensor parameter) {
    return newState(slot, name, parameter, 0.0);
  }

  /**
   * One state tensor per parameter for {@code slot}, each like its parameter and filled with {@code value},
   * by parameter name (see {@link #newState(String, String, Tensor, double)}).
   */
  final Map<String, Tensor> newStates(String slot, double value) {
    Map<String, Tensor> states = new LinkedHashMap<>();
    parameters.forEach((name, p) -> states.put(name, newState(slot, name, p, value)));
    return states;
  }

  /** Makes a state tensor like {@code parameter} filled with {@code value}. */
  final Tensor newState(String slot, String name, Tensor parameter, double value) {
    Tensor t = parameter.factory().full(parameter.shape(), value, parameter.dtype());
    Scope.release(t);
    state.put(kind() + "." + slot + "." + name, t);
    return t;
  }

  @Override
  public final Map<String, Tensor> parameters() {
    return parameters;
  }

  @Override
  public final void step() {
    checkOpen();
    double lr = schedule.rate(steps);
    try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
      List<ParameterGradient> withGradients = new ArrayList<>(parameters.size());
      for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
        Tensor g = e.getValue().grad();
        if (g != null) {
          withGradients.add(new ParameterGradient(e.getKey(), e.getValue(), g));
        }
      }
      updateAll(withGradients, lr, steps + 1);
    }
    steps++;
  }

  @Override
  public final long stepCount() {
    return steps;
  }

  @Override
  public final double learningRate() {
    return schedule.rate(steps);
  }

  @Override
  public final Map<String, Tensor> state() {
    return Collections.unmodifiableMap(state);
  }

  @Override
  public final void loadState(Map<String, Tensor> saved, long stepCount) {
    checkOpen();
    if (stepCount < 0) {
      throw new IllegalArgumentException(kind() + ".loadState: step count must be >= 0, got " + stepCount);
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : state.entrySet()) {
      Tensor s = saved.get(e.getKey());
      Tensor mine = e.getValue();
      if (s == null) {
        problems.add("missing '" + e.getKey() + "' (" + mine.dtype() + " " + mine.shape() + ")");
      } else if (!s.shape().equals(mine.shape()) || s.dtype() != mine.dtype()) {
        problems.add("'" + e.getKey() + "' is " + s.dtype() + " " + s.shape() + " in the saved state but "
            + mine.dtype() + " " + mine.shape() + " here");
      }
    }
    for (String name : saved.keySet()) {
      if (!state.containsKey(name)) {
        problems.add("unexpected '" + name + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(kind() + ".loadState: saved state does not fit this optimizer: "
          + String.join("; ", problems));
    }
    for (Map.Entry<String, Tensor> e : state.entrySet()) {
      try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
        Tensor s = saved.get(e.getKey());
        // A computed copy, never a view: optimizers with fused kernels update their state in place.
        Tensor copy = s.factory() == e.getValue().factory()
            ? s.mul(1.0) : e.getValue().factory().of(s.toDoubleArray(), s.shape(), s.dtype());
        e.getValue().assign(copy);
      }
    }
    steps = stepCount;
  }

  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      for (Tensor t : state.values()) {
        t.close();
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(kind() + ": optimizer was closed");
    }
  }

  static void requireNonNegative(String optimizer, String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(optimizer + ": " + name + " must be a finite number >= 0, got " + value);
    }
  }

  static void requireFraction(String optimizer, String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(optimizer + ": " + name + " must be in [0, 1), got " + value);
    }
  }
}
