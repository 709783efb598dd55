package org.vae4j.backend.djl;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import java.util.Optional;
import org.vae4j.api.Shape;

/**
 * Gather and its adjoint, scatter-add, along one axis. Thread-safe.
 *
 * <p>DJL's libtorch bindings have {@code gather} but no accumulating scatter ({@code scatter} and
 * {@code index_put_} overwrite duplicates). Scatter-add is libtorch's {@code scatter_add_} through
 * {@link TorchScriptOps}; where that module could not load, it is done as libtorch sums an uncoalesced sparse
 * COO tensor when densifying it: every source element becomes one entry at its full output coordinate (its own
 * position on every axis but {@code axis}, where the index supplies it), and {@code to_dense} adds the entries
 * that share a coordinate. Memory is O(rank * src.size()) for the coordinates, all native.
 */
final class DjlIndexing {
  private final TorchContext ctx;
  private final Optional<TorchScriptOps> script;

  DjlIndexing(TorchContext ctx, Optional<TorchScriptOps> script) {
    this.ctx = ctx;
    this.script = script;
  }

  PtNDArray gather(PtNDArray x, int axis, PtNDArray index) {
    try (PtNDArray index64 = ctx.cast(index, DataType.INT64)) {
      return LibTorch.gather(x, index64, axis);
    }
  }

  PtNDArray scatterAdd(Shape shape, int axis, PtNDArray index, PtNDArray src) {
    Shape srcShape = DTypes.fromDjl(src.getShape());
    long count = srcShape.size();
    if (count == 0) {
      return ctx.full(DTypes.toDjl(shape), 0, src.getDataType());
    }
    if (script.isPresent()) {
      return script.get().scatterAdd(shape, axis, index, src);
    }
    int rank = shape.rank();
    long[] flat = {count};
    try (Scratch s = new Scratch()) {
      PtNDArray[] coordinates = new PtNDArray[rank];
      for (int k = 0; k < rank; k++) {
        PtNDArray along;
        if (k == axis) {
          along = s.keep(ctx.cast(index, DataType.INT64));
        } else {
          long[] line = new long[rank];
          java.util.Arrays.fill(line, 1);
          line[k] = srcShape.dim(k);
          PtNDArray positions = s.keep(LibTorch.arange(ctx.manager, 0, srcShape.dim(k), 1, DataType.INT64,
              ctx.device, SparseFormat.DENSE));
          along = s.keep(LibTorch.broadcast(s.keep(LibTorch.reshape(positions, line)),
              DTypes.toDjl(srcShape)));
        }
        coordinates[k] = s.keep(LibTorch.reshape(along, flat));
      }
      PtNDArray indices = s.keep(LibTorch.stack(coordinates, 0));
      PtNDArray values = s.keep(LibTorch.reshape(src, flat));
      PtNDArray sparse = s.keep(LibTorch.createSparseCoo(indices, values, DTypes.toDjl(shape)));
      return LibTorch.toDense(sparse);
    }
  }
}
