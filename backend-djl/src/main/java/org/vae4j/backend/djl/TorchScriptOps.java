package org.vae4j.backend.djl;

import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.AdamStep;
import org.vae4j.api.spi.Conv2dSpec;

/**
 * libtorch operators that DJL's JNI does not bind, run as methods of a TorchScript module shipped in this jar
 * ({@value #RESOURCE}, written by {@code backend-djl/src/main/python/torchscript_ops.py}, whose docstring
 * lists the methods): the two convolution gradients ({@code conv_transpose2d} and
 * {@code aten::convolution_backward}, libtorch's own oneDNN/GEMM kernels), scatter-add
 * ({@code scatter_add_}), Adam in one pass ({@code aten::_fused_adam_}), of one parameter or of a list, and the
 * comparisons written straight into the operands' dtype (the {@code out=} forms of {@code eq} ... {@code ge}) and
 * the backward of log-softmax ({@code aten::_log_softmax_backward_data}). A
 * call costs a few microseconds beyond the operator (one JNI call per argument and one for the method).
 *
 * <p>Thread-safe: the module holds no state and libtorch runs a module's methods from several threads at once.
 * Closed with its {@link TorchContext}'s manager, which owns the module.
 */
final class TorchScriptOps {
  /** The module's class-path resource. */
  static final String RESOURCE = "libtorch-ops.pt";
  private static final Logger LOG = LoggerFactory.getLogger(TorchScriptOps.class);

  private final TorchContext ctx;
  private final PtSymbolBlock module;

  private TorchScriptOps(TorchContext ctx, PtSymbolBlock module) {
    this.ctx = ctx;
    this.module = module;
  }

  /**
   * The module loaded onto {@code ctx}'s device, or empty (logged once per kernels instance, with the reason)
   * when this libtorch cannot compile it, for instance one older than the 2.4 that added the CPU fused Adam;
   * the callers then fall back to compositions of the bound operators.
   */
  static Optional<TorchScriptOps> load(TorchContext ctx) {
    try (InputStream in = TorchScriptOps.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
      }
      return Optional.of(new TorchScriptOps(ctx, LibTorch.loadModule(ctx.manager, in)));
    } catch (IOException | RuntimeException e) {
      LOG.warn("vae4j djl backend: libtorch could not load its TorchScript operators ({}); convolution "
          + "gradients and Adam run as compositions of DJL's bound operators instead (slower)", e.toString());
      return Optional.empty();
    }
  }

  /** {@link org.vae4j.api.spi.Kernels#conv2dBackwardInput}: a transposed convolution of {@code inputShape}. */
  PtNDArray conv2dBackwardInput(PtNDArray gradOutput, PtNDArray weight, Shape inputShape, Conv2dSpec spec) {
    return tensorMethod("conv2d_backward_input", LibTorch.value(gradOutput), LibTorch.value(weight),
        LibTorch.values(DTypes.longs(inputShape.dims())), stride(spec), padding(spec), dilation(spec));
  }

  /** {@link org.vae4j.api.spi.Kernels#conv2dBackwardWeight}, of {@code weightShape}. */
  PtNDArray conv2dBackwardWeight(PtNDArray input, PtNDArray gradOutput, Shape weightShape, Conv2dSpec spec) {
    return tensorMethod("conv2d_backward_weight", LibTorch.value(input), LibTorch.value(gradOutput),
        LibTorch.values(DTypes.longs(weightShape.dims())), stride(spec), padding(spec), dilation(spec));
  }

  /**
   * A comparison of {@code a} and {@code b} (broadcast) as 1 and 0 of {@code a}'s dtype, in one vectorized pass
   * ({@code compare}'s out= form); {@code code} is the method's: 0 eq, 1 ne, 2 lt, 3 le, 4 gt, 5 ge.
   */
  PtNDArray compare(PtNDArray a, PtNDArray b, int code) {
    return tensorMethod("compare", LibTorch.value(a), LibTorch.value(b), LibTorch.value((long) code));
  }

  /** {@link org.vae4j.api.spi.Kernels#logSoftmaxGradient}: libtorch's own backward of log_softmax, one pass. */
  PtNDArray logSoftmaxGradient(PtNDArray grad, PtNDArray output) {
    return tensorMethod("log_softmax_backward", LibTorch.value(grad), LibTorch.value(output));
  }

  /** {@link org.vae4j.api.spi.Kernels#scatterAdd}; the caller has checked the indices. */
  PtNDArray scatterAdd(Shape shape, int axis, PtNDArray index, PtNDArray src) {
    return tensorMethod("scatter_add", LibTorch.values(DTypes.longs(shape.dims())), LibTorch.value((long) axis),
        LibTorch.value(index), LibTorch.value(src));
  }

  /**
   * One Adam step of {@link AdamStep}'s formulas in one pass: {@code p}, {@code m} and {@code v} are
   * overwritten, {@code g} is read. All four are contiguous, of one shape, dtype and device.
   */
  void adam(PtNDArray p, PtNDArray g, PtNDArray m, PtNDArray v, AdamStep step) {
    IValue[] args = {LibTorch.value(p), LibTorch.value(g), LibTorch.value(m), LibTorch.value(v),
        LibTorch.value(step.learningRate()), LibTorch.value(step.beta1()), LibTorch.value(step.beta2()),
        LibTorch.value(step.eps()), LibTorch.value(step.step())};
    try {
      LibTorch.runMethod(module, "adam", args).close();
    } finally {
      closeAll(args);
    }
  }

  /**
   * {@link #adam} on every parameter of the lists (one index, one parameter; shapes and dtypes may differ between
   * parameters) in one call: one JNI round trip and one {@code _fused_adam_} instead of one of each per
   * parameter, the same bits.
   */
  void adamAll(List<PtNDArray> p, List<PtNDArray> g, List<PtNDArray> m, List<PtNDArray> v, AdamStep step) {
    IValue[] args = {LibTorch.tensors(p), LibTorch.tensors(g), LibTorch.tensors(m), LibTorch.tensors(v),
        LibTorch.value(step.learningRate()),
        LibTorch.value(step.beta1()), LibTorch.value(step.beta2()), LibTorch.value(step.eps()),
        LibTorch.value(step.step())};
    try {
      LibTorch.runMethod(module, "adam_all", args).close();
    } finally {
      closeAll(args);
    }
  }

  private PtNDArray tensorMethod(String name, IValue... args) {
    try (IValue result = LibTorch.runMethod(module, name, args)) {
      return LibTorch.tensor(result, ctx.manager);
    } finally {
      closeAll(args);
    }
  }

  private static void closeAll(IValue[] values) {
    for (IValue v : values) {
      v.close();
    }
  }

  private static IValue stride(Conv2dSpec spec) {
    return LibTorch.values(spec.strideH(), spec.strideW());
  }

  private static IValue padding(Conv2dSpec spec) {
    return LibTorch.values(spec.padH(), spec.padW());
  }

  private static IValue dilation(Conv2dSpec spec) {
    return LibTorch.values(spec.dilationH(), spec.dilationW());
  }
}
