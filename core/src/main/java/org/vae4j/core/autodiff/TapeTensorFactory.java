package org.vae4j.core.autodiff;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.spi.Kernels;

/**
 * The {@link TensorFactory} of one {@link Kernels}: leaves without history, adopted by the current scope.
 * One instance per kernels ({@link #on}). Thread-safe. Users get it from {@code org.vae4j.core.Tensors}.
 */
public record TapeTensorFactory(Kernels kernels) implements TensorFactory {
  private static final Map<Kernels, TensorFactory> FACTORIES = new ConcurrentHashMap<>();

  /** The factory making tensors with {@code kernels}. */
  public static TensorFactory on(Kernels kernels) {
    return FACTORIES.computeIfAbsent(kernels, TapeTensorFactory::new);
  }

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
