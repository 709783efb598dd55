package org.vae4j.backend.nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.Shape;

/**
 * Copies between Java arrays and ND4J memory in bulk (one memcpy each way on the CPU; conversions between
 * element types run natively first).
 */
final class Nd4jHost {

  private Nd4jHost() {
  }

  static INDArray fromFloats(float[] data, Shape shape) {
    check(data.length, shape, "fromFloats");
    if (hostMemory(shape)) {
      return written(DataType.FLOAT, shape, bytes -> bytes.asFloatBuffer().put(data));
    }
    return shape.size() == 0 ? Nd4jOps.alloc(DataType.FLOAT, shape)
        : Nd4j.create(data, Nd4jTypes.dims(shape), DataType.FLOAT);
  }

  static INDArray fromDoubles(double[] data, Shape shape) {
    check(data.length, shape, "fromDoubles");
    if (hostMemory(shape)) {
      return written(DataType.DOUBLE, shape, bytes -> bytes.asDoubleBuffer().put(data));
    }
    return shape.size() == 0 ? Nd4jOps.alloc(DataType.DOUBLE, shape)
        : Nd4j.create(data, Nd4jTypes.dims(shape), DataType.DOUBLE);
  }

  static INDArray fromInts(int[] data, Shape shape) {
    check(data.length, shape, "fromInts");
    if (hostMemory(shape)) {
      return written(DataType.INT32, shape, bytes -> bytes.asIntBuffer().put(data));
    }
    return shape.size() == 0 ? Nd4jOps.alloc(DataType.INT32, shape)
        : Nd4j.create(data, Nd4jTypes.dims(shape), DataType.INT32);
  }

  /**
   * Whether a new array of {@code shape} is written through a byte view of its memory: non-empty arrays on
   * the CPU, where that view is the memory itself. {@code Nd4j.create(float[], ...)} copied element by element
   * instead (about 3 ns a float: 290 us for a (128, 784) batch against 20-30 us for the bulk copy).
   */
  private static boolean hostMemory(Shape shape) {
    return shape.size() > 0 && Nd4jHostLoops.available();
  }

  /** A new uninitialized array that {@code writer} fills through a native-order byte view of its memory. */
  private static INDArray written(DataType type, Shape shape, Consumer<ByteBuffer> writer) {
    INDArray out = Nd4jOps.alloc(type, shape);
    writer.accept(Nd4jHostLoops.bytes(out));
    return out;
  }

  private static void check(int length, Shape shape, String op) {
    if (length != shape.size()) {
      throw new IllegalArgumentException(op + ": " + length + " elements do not fill shape " + shape
          + " of " + shape.size() + " elements");
    }
  }

  /** Row-major elements of {@code memory}, an array that owns its memory, as float. */
  static float[] toFloats(INDArray memory, Shape shape) {
    float[] out = new float[shape.sizeAsInt()];
    read(memory, DataType.FLOAT, shape, bytes -> bytes.asFloatBuffer().get(out));
    return out;
  }

  static double[] toDoubles(INDArray memory, Shape shape) {
    double[] out = new double[shape.sizeAsInt()];
    read(memory, DataType.DOUBLE, shape, bytes -> bytes.asDoubleBuffer().get(out));
    return out;
  }

  static int[] toInts(INDArray memory, Shape shape) {
    int[] out = new int[shape.sizeAsInt()];
    read(memory, DataType.INT32, shape, bytes -> bytes.asIntBuffer().get(out));
    return out;
  }

  /**
   * Hands {@code reader} a byte view of {@code memory}'s elements in {@code type}: its own memory when the
   * type matches, else a natively converted copy that is freed afterwards.
   */
  private static void read(INDArray memory, DataType type, Shape shape, Consumer<ByteBuffer> reader) {
    if (shape.size() == 0) {
      return;
    }
    if (memory.dataType() == type) {
      reader.accept(nio(memory));
      return;
    }
    try (INDArray converted = Nd4jOps.convert(memory, type, shape)) {
      reader.accept(nio(converted));
    }
  }

  private static ByteBuffer nio(INDArray memory) {
    Nd4j.getAffinityManager().ensureLocation(memory, AffinityManager.Location.HOST);
    ByteBuffer bytes = memory.data().asNio();
    int length = Math.toIntExact(memory.length() * memory.dataType().width());
    return bytes.duplicate().order(ByteOrder.nativeOrder()).position(0).limit(length);
  }
}
