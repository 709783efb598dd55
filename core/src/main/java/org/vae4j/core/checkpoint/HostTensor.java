package org.vae4j.core.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;

/**
 * A tensor's values on the host as the little-endian bytes safetensors stores: what a checkpoint holds
 * between the file and a backend. Immutable (the byte array is copied in and out).
 */
public final class HostTensor {
  private final DType dtype;
  private final Shape shape;
  private final byte[] data;

  /**
   * Wraps a copy of {@code littleEndianData}.
   *
   * @throws IllegalArgumentException when its length is not {@code dtype.byteSize() * shape.size()}
   */
  public HostTensor(DType dtype, Shape shape, byte[] littleEndianData) {
    this.dtype = Objects.requireNonNull(dtype, "dtype");
    this.shape = Objects.requireNonNull(shape, "shape");
    long expected = shape.size() * dtype.byteSize();
    if (littleEndianData.length != expected) {
      throw new IllegalArgumentException("HostTensor: " + littleEndianData.length + " bytes for " + dtype + " "
          + shape + ", which needs " + expected);
    }
    this.data = littleEndianData.clone();
  }

  /** Copies {@code tensor}'s values to the host, bit for bit. */
  public static HostTensor of(Tensor tensor) {
    int n = tensor.shape().sizeAsInt();
    ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(n, tensor.dtype().byteSize())).order(ByteOrder.LITTLE_ENDIAN);
    switch (tensor.dtype()) {
      case FLOAT32 -> b.asFloatBuffer().put(tensor.toFloatArray());
      case FLOAT64 -> b.asDoubleBuffer().put(tensor.toDoubleArray());
      case INT32 -> b.asIntBuffer().put(tensor.toIntArray());
      default -> throw new IllegalArgumentException("HostTensor: unsupported dtype " + tensor.dtype());
    }
    return new HostTensor(tensor.dtype(), tensor.shape(), b.array());
  }

  /** A FLOAT32 tensor of these values. */
  public static HostTensor ofFloats(float[] values, Shape shape) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new HostTensor(DType.FLOAT32, shape, b.array());
  }

  /** An INT32 tensor of these values. */
  public static HostTensor ofInts(int[] values, Shape shape) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(values);
    return new HostTensor(DType.INT32, shape, b.array());
  }

  /** Element type. */
  public DType dtype() {
    return dtype;
  }

  /** Axis sizes. */
  public Shape shape() {
    return shape;
  }

  /** A copy of the little-endian bytes. */
  public byte[] bytes() {
    return data.clone();
  }

  /** Number of bytes. */
  public int byteCount() {
    return data.length;
  }

  void copyBytesTo(ByteBuffer destination) {
    destination.put(data);
  }

  /** The values as floats (FLOAT32 only). */
  public float[] toFloatArray() {
    requireDType(DType.FLOAT32);
    float[] out = new float[data.length / 4];
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /** The values as doubles (FLOAT64 only). */
  public double[] toDoubleArray() {
    requireDType(DType.FLOAT64);
    double[] out = new double[data.length / 8];
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
    return out;
  }

  /** The values as ints (INT32 only). */
  public int[] toIntArray() {
    requireDType(DType.INT32);
    int[] out = new int[data.length / 4];
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }

  /** A new tensor made by {@code factory} with these values, bit for bit, in the current scope. */
  public Tensor toTensor(TensorFactory factory) {
    return switch (dtype) {
      case FLOAT32 -> factory.of(toFloatArray(), shape);
      case FLOAT64 -> factory.of(toDoubleArray(), shape);
      case INT32 -> factory.of(toIntArray(), shape);
    };
  }

  private void requireDType(DType wanted) {
    if (dtype != wanted) {
      throw new IllegalStateException("HostTensor: holds " + dtype + " " + shape + ", not " + wanted);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HostTensor h && h.dtype == dtype && h.shape.equals(shape) && Arrays.equals(h.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dtype, shape, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "HostTensor(" + dtype + " " + shape + ")";
  }
}
