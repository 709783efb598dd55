package org.vae4j.core;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.autodiff.Primitives;
import org.vae4j.core.autodiff.TapeTensorFactory;

/**
 * Where tensors come from: {@link #factory()} for the selected backend's default device, {@link #on} for
 * given kernels, and the multi-tensor functions {@link #concat} and {@link #stack}. Thread-safe.
 */
public final class Tensors {
  private Tensors() {
  }

  /** The factory of the backend and device {@link Backends#defaultKernels()} selects. */
  public static TensorFactory factory() {
    return on(Backends.defaultKernels());
  }

  /** The factory making tensors with {@code kernels}. */
  public static TensorFactory on(Kernels kernels) {
    return TapeTensorFactory.on(kernels);
  }

  /** Joins tensors of one dtype along {@code axis}; the other axes must agree. Differentiable. */
  public static Tensor concat(List<? extends Tensor> parts, int axis) {
    return Primitives.concat(parts, axis);
  }

  /** Stacks tensors of one shape along a new axis {@code axis}. Differentiable. */
  public static Tensor stack(List<? extends Tensor> parts, int axis) {
    List<Tensor> expanded = new ArrayList<>(parts.size());
    for (Tensor t : parts) {
      expanded.add(t.unsqueeze(axis));
    }
    return concat(expanded, axis);
  }
}
