package org.vae4j.core.nn;

import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.core.Functions;

/**
 * A 2-D convolution (cross-correlation, as PyTorch's Conv2d): input {@code (N, C, H, W)}, output
 * {@code (N, O, OH, OW)} with {@code OH = floor((H + 2 pad - dilation (K - 1) - 1) / stride) + 1}.
 * Parameters {@code weight (O, C, KH, KW)} and, unless disabled, {@code bias (O)}.
 */
public final class Conv2d extends ModuleBase implements Layer {
  private final Tensor weight;
  private final Tensor bias;
  private final Conv2dSpec spec;

  /** Square kernel, stride and padding, PyTorch's default initialization. */
  public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, ParameterFactory params) {
    this(inChannels, outChannels, kernel, kernel, Conv2dSpec.of(stride, padding), Inits.pytorchDefault(),
        Inits.pytorchDefaultBias(Shape.of(outChannels, inChannels, kernel, kernel)), params);
  }

  /**
   * Full control; {@code biasInit == null} makes a layer without bias. The weight is drawn before the bias.
   */
  public Conv2d(int inChannels, int outChannels, int kernelH, int kernelW, Conv2dSpec spec, WeightInit weightInit,
      WeightInit biasInit, ParameterFactory params) {
    if (inChannels < 1 || outChannels < 1 || kernelH < 1 || kernelW < 1) {
      throw new IllegalArgumentException("Conv2d: channels and kernel sizes must be >= 1, got in " + inChannels
          + ", out " + outChannels + ", kernel (" + kernelH + ", " + kernelW + ")");
    }
    this.spec = spec;
    this.weight = registerParameter("weight",
        params.create(Shape.of(outChannels, inChannels, kernelH, kernelW), weightInit));
    this.bias = biasInit == null ? null : registerParameter("bias", params.create(Shape.of(outChannels), biasInit));
  }

  /** {@code (O, C, KH, KW)}. */
  public Tensor weight() {
    return weight;
  }

  /** {@code (O)}, or null without bias. */
  public Tensor bias() {
    return bias;
  }

  /** Stride, padding and dilation. */
  public Conv2dSpec spec() {
    return spec;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.rank() != 4 || x.dim(1) != weight.dim(1)) {
      throw new IllegalArgumentException("Conv2d: input " + x.shape() + " must be (N, " + weight.dim(1)
          + ", H, W) for weight " + weight.shape());
    }
    return Functions.conv2d(x, weight, bias, spec);
  }

  @Override
  public String toString() {
    return "Conv2d(" + weight.dim(1) + ", " + weight.dim(0) + ", kernel=(" + weight.dim(2) + ", " + weight.dim(3)
        + "), " + spec + ")";
  }
}
