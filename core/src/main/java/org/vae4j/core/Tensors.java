package org.vae4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.autodiff.Primitives;
import org.vae4j.core.autodiff.TapeTensor;

/**
 * Where tensors come from: {@link #factory()} for the selected backend's default device, {@link #on} for
 * given kernels, and the multi-tensor functions {@link #concat} and {@link #stack}. Thread-safe.
 */
public final class Tensors {
  private static final Map<Kernels, TensorFactory> FACTORIES = new ConcurrentHashMap<>();

  private Tensors() {
  }

  /** The factory of the backend and device {@link Backends#defaultKernels()} selects. */
  public static TensorFactory factory() {
    return on(Backends.defaultKernels());
  }

  /** The factory making tensors with {@code kernels}. */
  public static TensorFactory on(Kernels kernels) {
    return FACTORIES.computeIfAbsent(kernels, KernelsFactory::new);
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

  private record KernelsFactory(Kernels kernels) implements TensorFactory {
    @Override
    public String backendName() {
      return kernels.backendName();
    }

    @Override
    public Device device() {
      return kernels.device();
    }

    @Override
    public Tensor of(float[] data, Shape shape) {
      checkLength(data.length, shape);
      return TapeTensor.constant(kernels, kernels.fromFloats(data, shape));
    }

    @Override
    public Tensor of(double[] data, Shape shape) {
      checkLength(data.length, shape);
      return TapeTensor.constant(kernels, kernels.fromDoubles(data, shape));
    }

    @Override
    public Tensor of(int[] data, Shape shape) {
      checkLength(data.length, shape);
      return TapeTensor.constant(kernels, kernels.fromInts(data, shape));
    }

    @Override
    public Tensor of(double[] data, Shape shape, DType dtype) {
      checkLength(data.length, shape);
      return switch (dtype) {
        case FLOAT64 -> of(data, shape);
        case FLOAT32 -> {
          float[] f = new float[data.length];
          for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
          }
          yield of(f, shape);
        }
        case INT32 -> {
          int[] v = new int[data.length];
          for (int i = 0; i < v.length; i++) {
            v[i] = (int) data[i];
          }
          yield of(v, shape);
        }
      };
    }

    @Override
    public Tensor full(Shape shape, double value, DType dtype) {
      return TapeTensor.constant(kernels, kernels.full(shape, dtype, value));
    }

    private static void checkLength(int length, Shape shape) {
      if (length != shape.size()) {
        throw new IllegalArgumentException("tensor: " + length + " values do not fill shape " + shape + " ("
            + shape.size() + " elements)");
      }
    }
  }
}
