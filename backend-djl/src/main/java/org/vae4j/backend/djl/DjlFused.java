package org.vae4j.backend.djl;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import java.util.List;
import java.util.Optional;
import org.vae4j.api.spi.AdamStep;

/**
 * The fused kernels djl announces: {@code torch::linear} (one addmm) for
 * {@link org.vae4j.api.spi.Kernels#linear}, softplus minus product for
 * {@link org.vae4j.api.spi.Kernels#bceWithLogits}, and libtorch's fused Adam ({@link TorchScriptOps}; DJL's
 * native Adam update where that module could not load) for {@link org.vae4j.api.spi.Kernels#adamUpdate}.
 * Thread-safe.
 */
final class DjlFused {
  private final TorchContext ctx;
  private final DjlSpecialFunctions special;
  private final Optional<TorchScriptOps> script;

  DjlFused(TorchContext ctx, Optional<TorchScriptOps> script) {
    this.ctx = ctx;
    this.special = new DjlSpecialFunctions(ctx);
    this.script = script;
  }

  /**
   * {@code softplus(l) - l * t}. FLOAT32 uses libtorch's softplus, whose cut-off at 20 is exact in float;
   * FLOAT64 uses {@link DjlSpecialFunctions#softplus}, exact beyond it.
   */
  PtNDArray bceWithLogits(PtNDArray logits, PtNDArray targets) {
    try (Scratch s = new Scratch()) {
      PtNDArray softplus = s.keep(logits.getDataType() == DataType.FLOAT32 ? LibTorch.softPlus(logits)
          : special.softplus(logits));
      return LibTorch.sub(softplus, s.keep(LibTorch.mul(logits, targets)));
    }
  }

  /** libtorch's log_softmax along the last axis; the caller has checked that x is floating, of rank 1 or more. */
  PtNDArray logSoftmax(PtNDArray x) {
    return LibTorch.logSoftmax(x, -1);
  }

  /** Whether {@link #logSoftmaxGradient} can run: libtorch's backward is reached through the TorchScript module. */
  boolean hasLogSoftmaxGradient() {
    return script.isPresent();
  }

  /** libtorch's backward of log_softmax along the last axis; grad and output of one shape and dtype. */
  PtNDArray logSoftmaxGradient(PtNDArray grad, PtNDArray output) {
    return script.orElseThrow().logSoftmaxGradient(grad, output);
  }

  /** {@code x @ weight^T + bias}; bias may be null. Shapes are checked by the caller. */
  PtNDArray linear(PtNDArray x, PtNDArray weight, PtNDArray bias) {
    return LibTorch.linear(x, weight, bias);
  }

  /**
   * One Adam step; m and v are overwritten in place. With {@code inPlace} p is overwritten too and returned,
   * else p' is a new tensor (an updated clone). {@link TorchScriptOps#adam} computes {@link AdamStep}'s
   * formulas in one pass ({@code aten::_fused_adam_}, double scalars), in either dtype. Without it, FLOAT32
   * runs DJL's native update: it computes
   * {@code p -= lrc * m' / (sqrt(v') + epsc)}, which with {@code lrc = stepSize * c} and {@code epsc = eps * c}
   * for {@code c = biasCorrection2Sqrt} is exactly {@link AdamStep}'s {@code stepSize * m' / (sqrt(v') / c +
   * eps)}. DJL passes its scalars as float, so FLOAT64 is composed from libtorch ops with double scalars.
   */
  PtNDArray adamUpdate(PtNDArray p, PtNDArray g, PtNDArray m, PtNDArray v, AdamStep s, boolean inPlace) {
    PtNDArray target = inPlace ? p : LibTorch.clone(p);
    try {
      if (script.isPresent()) {
        script.get().adam(target, g, m, v, s);
      } else if (p.getDataType() == DataType.FLOAT32) {
        double c = s.biasCorrection2Sqrt();
        LibTorch.adamUpdate(target, g, m, v, 0f, (float) (s.stepSize() * c), 0f, 1f, -1f, (float) s.beta1(),
            (float) s.beta2(), (float) (s.eps() * c), false);
      } else {
        adamUpdateComposed(target, g, m, v, s);
      }
    } catch (RuntimeException e) {
      if (!inPlace) {
        target.close();
      }
      throw e;
    }
    return target;
  }

  /** Whether {@link #adamUpdateAllInPlace} can run: the TorchScript module loaded. */
  boolean updatesAllInOneCall() {
    return script.isPresent();
  }

  /**
   * {@link #adamUpdate} in place on every parameter of the lists in one libtorch call; only where
   * {@link #updatesAllInOneCall()}.
   */
  void adamUpdateAllInPlace(List<PtNDArray> p, List<PtNDArray> g, List<PtNDArray> m, List<PtNDArray> v,
      AdamStep s) {
    script.orElseThrow().adamAll(p, g, m, v, s);
  }

  /** The same step from libtorch ops with double scalars; every tensor updated in place. */
  private void adamUpdateComposed(PtNDArray p, PtNDArray g, PtNDArray m, PtNDArray v, AdamStep s) {
    DataType t = p.getDataType();
    try (Scratch k = new Scratch()) {
      LibTorch.muli(m, k.keep(ctx.scalar(s.beta1(), t)));
      LibTorch.addi(m, k.keep(LibTorch.mul(g, k.keep(ctx.scalar(1 - s.beta1(), t)))));
      LibTorch.muli(v, k.keep(ctx.scalar(s.beta2(), t)));
      PtNDArray g2 = k.keep(LibTorch.mul(g, g));
      LibTorch.addi(v, k.keep(LibTorch.mul(g2, k.keep(ctx.scalar(1 - s.beta2(), t)))));
      PtNDArray root = k.keep(LibTorch.div(k.keep(LibTorch.sqrt(v)), k.keep(ctx.scalar(s.biasCorrection2Sqrt(), t))));
      PtNDArray denominator = k.keep(LibTorch.add(root, k.keep(ctx.scalar(s.eps(), t))));
      PtNDArray step = k.keep(LibTorch.mul(k.keep(LibTorch.div(m, denominator)), k.keep(ctx.scalar(s.stepSize(), t))));
      LibTorch.subi(p, step);
    }
  }
}
