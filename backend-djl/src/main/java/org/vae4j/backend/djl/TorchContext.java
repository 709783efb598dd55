package org.vae4j.backend.djl;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;

/**
 * The libtorch side of one {@link DjlKernels}: its device and the DJL manager every tensor it makes is
 * registered with. libtorch's results join the manager of their first operand, so all tensors of one kernels
 * instance live in this one manager until their buffer (or the kernel's {@link Scratch}) closes them.
 * Thread-safe (DJL's manager registers and removes arrays under a lock).
 */
final class TorchContext implements AutoCloseable {
  final PtNDManager manager;
  final Device device;

  TorchContext(PtNDManager manager) {
    this.manager = manager;
    this.device = manager.getDevice();
  }

  /** A rank-0 tensor holding {@code value}. */
  PtNDArray scalar(double value, DataType type) {
    return LibTorch.full(manager, new Shape(), value, type, device, SparseFormat.DENSE);
  }

  /** A tensor of {@code shape} filled with {@code value}. */
  PtNDArray full(Shape shape, double value, DataType type) {
    return LibTorch.full(manager, shape, value, type, device, SparseFormat.DENSE);
  }

  /** {@code x} converted to {@code type} on this device (a new handle even when the type is the same). */
  PtNDArray cast(PtNDArray x, DataType type) {
    return LibTorch.to(x, type, device);
  }

  /** Number of tensors currently registered with the manager (live buffers plus any leak). */
  int liveTensors() {
    return manager.getManagedArrays().size();
  }

  @Override
  public void close() {
    manager.close();
  }
}
