package org.vae4j.api;

/**
 * Makes tensors on one backend and device. Obtained from {@code org.vae4j.core.Tensors} or from
 * {@link Tensor#factory()}. Tensors it makes do not require gradients and belong to the current scope.
 * Thread-safe.
 */
public interface TensorFactory {

  /** The backend's name. */
  String backendName();

  /** The device tensors are made on. */
  Device device();

  /** A FLOAT32 tensor holding {@code data} (row-major; copied). */
  Tensor of(float[] data, Shape shape);

  /** A FLOAT64 tensor holding {@code data} (row-major; copied). */
  Tensor of(double[] data, Shape shape);

  /** An INT32 tensor holding {@code data} (row-major; copied). */
  Tensor of(int[] data, Shape shape);

  /** A tensor of {@code dtype} holding {@code data} converted from double (row-major; copied). */
  Tensor of(double[] data, Shape shape, DType dtype);

  /** A tensor of {@code shape} filled with {@code value}. */
  Tensor full(Shape shape, double value, DType dtype);

  /** A rank-0 tensor. */
  default Tensor scalar(double value, DType dtype) {
    return full(Shape.scalar(), value, dtype);
  }

  default Tensor zeros(Shape shape, DType dtype) {
    return full(shape, 0.0, dtype);
  }

  default Tensor ones(Shape shape, DType dtype) {
    return full(shape, 1.0, dtype);
  }

  /** The integers {@code 0 .. n-1} as INT32, shape {@code (n)}. */
  default Tensor arange(int n) {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return of(v, Shape.of(n));
  }
}
