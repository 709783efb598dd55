package org.vae4j.core.nn;

import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.core.Functions;

/**
 * A transposed 2-D convolution as PyTorch's ConvTranspose2d: input {@code (N, Cin, H, W)}, output
 * {@code (N, Cout, OH, OW)} with {@code OH = (H - 1) stride - 2 pad + dilation (KH - 1) + outputPadding + 1}.
 * Parameters {@code weight (Cin, Cout, KH, KW)} (PyTorch's layout) and, unless disabled, {@code bias (Cout)}.
 */
public final class ConvTranspose2d extends ModuleBase implements Layer {
  private final Tensor weight;
  private final Tensor bias;
  private final Conv2dSpec spec;
  private final int outputPaddingH;
  private final int outputPaddingW;

  /** Square kernel, stride, padding and output padding, PyTorch's default initialization. */
  public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, int padding, int outputPadding,
      ParameterFactory params) {
    this(inChannels, outChannels, kernel, kernel, Conv2dSpec.of(stride, padding), outputPadding, outputPadding,
        Inits.pytorchDefault(), Inits.pytorchDefaultBias(Shape.of(inChannels, outChannels, kernel, kernel)),
        params);
  }

  /**
   * Full control; {@code biasInit == null} makes a layer without bias. Output padding must be smaller than
   * the stride or the dilation on its axis, as in PyTorch.
   */
  public ConvTranspose2d(int inChannels, int outChannels, int kernelH, int kernelW, Conv2dSpec spec,
      int outputPaddingH, int outputPaddingW, WeightInit weightInit, WeightInit biasInit, ParameterFactory params) {
    if (inChannels < 1 || outChannels < 1 || kernelH < 1 || kernelW < 1) {
      throw new IllegalArgumentException("ConvTranspose2d: channels and kernel sizes must be >= 1, got in "
          + inChannels + ", out " + outChannels + ", kernel (" + kernelH + ", " + kernelW + ")");
    }
    if (outputPaddingH < 0 || outputPaddingW < 0
        || outputPaddingH >= Math.max(spec.strideH(), spec.dilationH())
        || outputPaddingW >= Math.max(spec.strideW(), spec.dilationW())) {
      throw new IllegalArgumentException("ConvTranspose2d: output padding (" + outputPaddingH + ", "
          + outputPaddingW + ") must be >= 0 and smaller than the stride or dilation " + spec);
    }
    this.spec = spec;
    this.outputPaddingH = outputPaddingH;
    this.outputPaddingW = outputPaddingW;
    this.weight = registerParameter("weight",
        params.create(Shape.of(inChannels, outChannels, kernelH, kernelW), weightInit));
    this.bias = biasInit == null ? null : registerParameter("bias", params.create(Shape.of(outChannels), biasInit));
  }

  /** {@code (Cin, Cout, KH, KW)}. */
  public Tensor weight() {
    return weight;
  }

  /** {@code (Cout)}, or null without bias. */
  public Tensor bias() {
    return bias;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.rank() != 4 || x.dim(1) != weight.dim(0)) {
      throw new IllegalArgumentException("ConvTranspose2d: input " + x.shape() + " must be (N, " + weight.dim(0)
          + ", H, W) for weight " + weight.shape());
    }
    return Functions.convTranspose2d(x, weight, bias, spec, outputPaddingH, outputPaddingW);
  }

  @Override
  public String toString() {
    return "ConvTranspose2d(" + weight.dim(0) + ", " + weight.dim(1) + ", kernel=(" + weight.dim(2) + ", "
        + weight.dim(3) + "), " + spec + ", outputPadding=(" + outputPaddingH + ", " + outputPaddingW + "))";
  }
}
