package org.vae4j.backend.djl;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vae4j.api.Shape;

/**
 * Copies between Java arrays and libtorch tensors. Uploads go through a per-thread direct staging buffer that
 * libtorch copies from at once, so every tensor owns native memory that closing frees (none is tied to a Java
 * buffer awaiting garbage collection). Thread-safe.
 */
final class DjlHost {
  private static final int MAX_STAGING_BYTES = 4 << 20;
  private static final ThreadLocal<ByteBuffer> STAGING = new ThreadLocal<>();

  private final TorchContext ctx;

  DjlHost(TorchContext ctx) {
    this.ctx = ctx;
  }

  PtNDArray fromFloats(float[] data, Shape shape) {
    ByteBuffer b = staging(data.length * 4);
    b.asFloatBuffer().put(data);
    return upload(b, shape, DataType.FLOAT32);
  }

  PtNDArray fromDoubles(double[] data, Shape shape) {
    ByteBuffer b = staging(data.length * 8);
    b.asDoubleBuffer().put(data);
    return upload(b, shape, DataType.FLOAT64);
  }

  PtNDArray fromInts(int[] data, Shape shape) {
    ByteBuffer b = staging(data.length * 4);
    b.asIntBuffer().put(data);
    return upload(b, shape, DataType.INT32);
  }

  float[] toFloats(PtNDArray x) {
    ByteBuffer b = LibTorch.hostBytes(x);
    int n = Math.toIntExact(x.size());
    float[] r = new float[n];
    switch (x.getDataType()) {
      case FLOAT32 -> b.asFloatBuffer().get(r);
      case FLOAT64 -> {
        var d = b.asDoubleBuffer();
        for (int i = 0; i < n; i++) {
          r[i] = (float) d.get(i);
        }
      }
      case INT32 -> {
        var d = b.asIntBuffer();
        for (int i = 0; i < n; i++) {
          r[i] = d.get(i);
        }
      }
      default -> throw unexpected("toFloats", x);
    }
    return r;
  }

  double[] toDoubles(PtNDArray x) {
    ByteBuffer b = LibTorch.hostBytes(x);
    int n = Math.toIntExact(x.size());
    double[] r = new double[n];
    switch (x.getDataType()) {
      case FLOAT64 -> b.asDoubleBuffer().get(r);
      case FLOAT32 -> {
        var d = b.asFloatBuffer();
        for (int i = 0; i < n; i++) {
          r[i] = d.get(i);
        }
      }
      case INT32 -> {
        var d = b.asIntBuffer();
        for (int i = 0; i < n; i++) {
          r[i] = d.get(i);
        }
      }
      default -> throw unexpected("toDoubles", x);
    }
    return r;
  }

  int[] toInts(PtNDArray x) {
    ByteBuffer b = LibTorch.hostBytes(x);
    int n = Math.toIntExact(x.size());
    int[] r = new int[n];
    switch (x.getDataType()) {
      case INT32 -> b.asIntBuffer().get(r);
      case FLOAT32 -> {
        var d = b.asFloatBuffer();
        for (int i = 0; i < n; i++) {
          r[i] = (int) d.get(i);
        }
      }
      case FLOAT64 -> {
        var d = b.asDoubleBuffer();
        for (int i = 0; i < n; i++) {
          r[i] = (int) d.get(i);
        }
      }
      default -> throw unexpected("toInts", x);
    }
    return r;
  }

  private PtNDArray upload(ByteBuffer data, Shape shape, DataType type) {
    PtNDArray blob = LibTorch.createNdFromByteBuffer(ctx.manager, data, DTypes.toDjl(shape), type,
        SparseFormat.DENSE, ctx.device);
    if (ctx.device.isGpu()) {
      return blob; // libtorch already copied the host data to the device
    }
    try {
      return LibTorch.clone(blob);
    } finally {
      blob.close();
    }
  }

  private static ByteBuffer staging(int bytes) {
    if (bytes > MAX_STAGING_BYTES) {
      return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
    ByteBuffer b = STAGING.get();
    if (b == null || b.capacity() < bytes) {
      b = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 12)).order(ByteOrder.nativeOrder());
      STAGING.set(b);
    }
    b.clear();
    return b;
  }

  private static IllegalStateException unexpected(String op, PtNDArray x) {
    return new IllegalStateException(op + ": tensor of element type " + x.getDataType()
        + " cannot be in a vae4j buffer");
  }
}
