package org.vae4j.backend.djl;

import ai.djl.ndarray.types.DataType;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;

/** Conversions between vae4j's and DJL's element types and shapes. Stateless. */
final class DTypes {

  private DTypes() {
  }

  static DataType toDjl(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> DataType.FLOAT32;
      case FLOAT64 -> DataType.FLOAT64;
      case INT32 -> DataType.INT32;
    };
  }

  /**
   * The vae4j type of a libtorch result.
   *
   * @throws IllegalStateException for a type no vae4j buffer may hold, naming the op that made it
   */
  static DType fromDjl(DataType type, String op) {
    return switch (type) {
      case FLOAT32 -> DType.FLOAT32;
      case FLOAT64 -> DType.FLOAT64;
      case INT32 -> DType.INT32;
      default -> throw new IllegalStateException(op + ": libtorch returned element type " + type
          + ", which no vae4j buffer holds (expected FLOAT32, FLOAT64 or INT32)");
    };
  }

  static ai.djl.ndarray.types.Shape toDjl(Shape shape) {
    int[] dims = shape.dims();
    long[] r = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      r[i] = dims[i];
    }
    return new ai.djl.ndarray.types.Shape(r);
  }

  static Shape fromDjl(ai.djl.ndarray.types.Shape shape) {
    long[] dims = shape.getShape();
    int[] r = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      r[i] = Math.toIntExact(dims[i]);
    }
    return Shape.of(r);
  }

  static long[] longs(int[] values) {
    long[] r = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      r[i] = values[i];
    }
    return r;
  }
}
