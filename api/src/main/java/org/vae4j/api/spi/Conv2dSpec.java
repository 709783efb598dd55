package org.vae4j.api.spi;

/**
 * Geometry of a 2-D convolution on NCHW inputs and OIHW weights (cross-correlation, as in PyTorch):
 * {@code out = floor((in + 2 * pad - dilation * (kernel - 1) - 1) / stride) + 1} on each spatial axis.
 * Groups are not supported: every output channel sees every input channel.
 */
public record Conv2dSpec(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW) {

  public Conv2dSpec {
    if (strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1 || padH < 0 || padW < 0) {
      throw new IllegalArgumentException("conv2d: stride and dilation must be >= 1 and padding >= 0, got "
          + "stride (" + strideH + ", " + strideW + "), padding (" + padH + ", " + padW + "), dilation ("
          + dilationH + ", " + dilationW + ")");
    }
  }

  /** Square stride and padding, no dilation. */
  public static Conv2dSpec of(int stride, int padding) {
    return new Conv2dSpec(stride, stride, padding, padding, 1, 1);
  }

  /** Output height for an input height and kernel height. */
  public int outH(int inH, int kernelH) {
    return (inH + 2 * padH - dilationH * (kernelH - 1) - 1) / strideH + 1;
  }

  /** Output width for an input width and kernel width. */
  public int outW(int inW, int kernelW) {
    return (inW + 2 * padW - dilationW * (kernelW - 1) - 1) / strideW + 1;
  }
}
