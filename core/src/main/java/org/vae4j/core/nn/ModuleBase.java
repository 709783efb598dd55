package org.vae4j.core.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.Module;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;

/**
 * A {@link Module} that registers its own parameters, buffers and child modules by name. As in PyTorch's
 * {@code named_parameters()} and {@code named_buffers()}, own entries come first (in registration order),
 * then each child's under the prefix {@code child.}. {@link #train(boolean)} and {@link #close()} reach
 * every child.
 *
 * <p>Registration happens in constructors; the structure is fixed afterwards.
 */
public abstract class ModuleBase implements Module {
  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  /** Registers a parameter (a leaf requiring gradients) under {@code name}; returns it. */
  protected final Tensor registerParameter(String name, Tensor parameter) {
    checkName(name);
    if (!parameter.requiresGrad()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter '" + name
          + "' does not require gradients; make it with a ParameterFactory or call requireGrad()");
    }
    parameters.put(name, parameter);
    return parameter;
  }

  /**
   * Registers a buffer (state saved with the model but not trained, e.g. running statistics) under
   * {@code name}; it is taken out of any open scope and owned by this module from now on. Returns it.
   */
  protected final Tensor registerBuffer(String name, Tensor buffer) {
    checkName(name);
    if (buffer.requiresGrad()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": buffer '" + name
          + "' requires gradients; register it as a parameter, or detach() it");
    }
    Scope.release(buffer);
    buffers.put(name, buffer);
    return buffer;
  }

  /** Registers a child module under {@code name}; returns it. */
  protected final <M extends Module> M registerModule(String name, M module) {
    checkName(name);
    children.put(name, module);
    return module;
  }

  private void checkName(String name) {
    if (name.isEmpty() || name.contains(".") || parameters.containsKey(name) || buffers.containsKey(name)
        || children.containsKey(name)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name
          + "' is empty, contains a dot or is already taken");
    }
  }

  /** The child modules by name, in registration order (read-only). */
  public final Map<String, Module> children() {
    return Collections.unmodifiableMap(children);
  }

  @Override
  public Map<String, Tensor> namedParameters() {
    Map<String, Tensor> all = new LinkedHashMap<>(parameters);
    for (Map.Entry<String, Module> c : children.entrySet()) {
      for (Map.Entry<String, Tensor> p : c.getValue().namedParameters().entrySet()) {
        all.put(c.getKey() + "." + p.getKey(), p.getValue());
      }
    }
    return all;
  }

  @Override
  public Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> all = new LinkedHashMap<>(buffers);
    for (Map.Entry<String, Module> c : children.entrySet()) {
      for (Map.Entry<String, Tensor> b : c.getValue().namedBuffers().entrySet()) {
        all.put(c.getKey() + "." + b.getKey(), b.getValue());
      }
    }
    return all;
  }

  /** True in training mode (the default). */
  public final boolean isTraining() {
    return training;
  }

  @Override
  public void train(boolean training) {
    this.training = training;
    for (Module c : children.values()) {
      c.train(training);
    }
  }

  /** Closes own parameters and buffers and every child. Idempotent. */
  @Override
  public void close() {
    for (Tensor t : parameters.values()) {
      t.close();
    }
    for (Tensor t : buffers.values()) {
      t.close();
    }
    for (Module c : children.values()) {
      c.close();
    }
  }
}
