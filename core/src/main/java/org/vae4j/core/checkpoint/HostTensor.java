package org.vae4j.core.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;
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

  /** The CRC32C of the little-endian bytes, as safetensors files written by vae4j record it. */
  int crc32c() {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return (int) crc.getValue();
  }

  /** How many values are NaN or infinite; 0 for an integer dtype. */
  public int nonFiniteCount() {
    int count = 0;
    for (int i = 0, n = shape.sizeAsInt(); i < n; i++) {
      count += Double.isFinite(value(i)) ? 0 : 1;
    }
    return count;
  }

  /** The flat index of the first NaN or infinite value, or -1 when every value is finite. */
  public int firstNonFinite() {
    for (int i = 0, n = shape.sizeAsInt(); i < n; i++) {
      if (!Double.isFinite(value(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A sentence about the non-finite values, e.g. {@code "holds 3 non-finite values (the first, NaN, at flat
   * index 17)"}, or null when every value is finite.
   */
  public String describeNonFinite() {
    int first = firstNonFinite();
    if (first < 0) {
      return null;
    }
    int count = nonFiniteCount();
    return "holds " + count + " non-finite value" + (count == 1 ? "" : "s") + " (the first, " + value(first)
        + ", at flat index " + first + " of " + shape + ")";
  }

  private double value(int index) {
    return switch (dtype) {
      case FLOAT32 -> Float.intBitsToFloat(littleEndianInt(index * 4));
      case FLOAT64 -> Double.longBitsToDouble((littleEndianInt(index * 8) & 0xFFFFFFFFL)
          | ((long) littleEndianInt(index * 8 + 4) << 32));
      case INT32 -> 0;
    };
  }

  private int littleEndianInt(int at) {
    return (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8 | (data[at + 2] & 0xFF) << 16 | (data[at + 3] & 0xFF) << 24;
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
