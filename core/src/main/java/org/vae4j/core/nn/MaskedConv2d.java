package org.vae4j.core.nn;

import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.core.Functions;
import org.vae4j.core.Scope;

/**
 * A stride-1, "same"-padded 2-D convolution whose kernel is multiplied by a fixed 0/1 {@link Mask}, so that
 * each output position sees only part of its neighbourhood: the building block of autoregressive models in
 * raster-scan order (PixelCNN, van den Oord et al. 2016). Input {@code (N, C, H, W)}, output
 * {@code (N, O, H, W)}; kernel sides must be odd so that the centre is defined, padding is
 * {@code (KH / 2, KW / 2)}.
 *
 * <p>Parameters {@code weight (O, C, KH, KW)} and, unless disabled, {@code bias (O)}, initialised as
 * {@link Conv2d} and then zeroed where the mask is 0; the forward pass uses {@code weight * mask}, so masked
 * entries get no gradient and never take effect. The mask is spatial only: every input channel sees the
 * same positions (the inputs here are embeddings of one variable per position, not RGB sub-pixels). The
 * layer owns the mask tensor and closes it with its parameters.
 */
public final class MaskedConv2d extends ModuleBase implements Layer {

  /**
   * Which kernel taps are kept, relative to the centre {@code (KH / 2, KW / 2)}. On a {@code (1, K)} kernel,
   * {@link #A} and {@link #B} are the horizontal stack of a gated PixelCNN.
   */
  public enum Mask {
    /** Rows above the centre, and the centre row left of the centre: excludes the centre (PixelCNN mask A). */
    A,
    /** Mask A plus the centre itself (PixelCNN mask B). */
    B,
    /** Rows strictly above the centre row, all columns: a gated PixelCNN's first vertical-stack layer. */
    ROWS_ABOVE,
    /** Rows above plus the whole centre row: the vertical stack's later layers. */
    ROWS_ABOVE_AND_CENTRE;

    /** Whether tap {@code (row, col)} of a {@code (kh, kw)} kernel is kept. */
    public boolean keeps(int row, int col, int kh, int kw) {
      if (row < 0 || row >= kh || col < 0 || col >= kw) {
        throw new IndexOutOfBoundsException("MaskedConv2d.Mask: tap (" + row + ", " + col + ") is outside a ("
            + kh + ", " + kw + ") kernel");
      }
      int cr = kh / 2;
      int cc = kw / 2;
      return switch (this) {
        case A -> row < cr || (row == cr && col < cc);
        case B -> row < cr || (row == cr && col <= cc);
        case ROWS_ABOVE -> row < cr;
        case ROWS_ABOVE_AND_CENTRE -> row <= cr;
      };
    }

    /** The {@code (kh, kw)} mask in row-major order, 1 for a kept tap and 0 otherwise. */
    public double[] values(int kh, int kw) {
      double[] m = new double[kh * kw];
      for (int r = 0; r < kh; r++) {
        for (int c = 0; c < kw; c++) {
          m[r * kw + c] = keeps(r, c, kh, kw) ? 1.0 : 0.0;
        }
      }
      return m;
    }
  }

  private final Tensor weight;
  private final Tensor bias;
  private final Tensor mask;
  private final Mask maskType;
  private final Conv2dSpec spec;

  /** Square {@code kernel}, PyTorch's default initialization, with bias. */
  public MaskedConv2d(int inChannels, int outChannels, int kernel, Mask mask, ParameterFactory params) {
    this(inChannels, outChannels, kernel, kernel, mask, true, params);
  }

  /**
   * A {@code (kernelH, kernelW)} kernel with PyTorch's default initialization; {@code withBias} false makes
   * a layer without bias.
   *
   * @throws IllegalArgumentException for a kernel side that is even or below 1, or a mask that keeps no tap
   */
  public MaskedConv2d(int inChannels, int outChannels, int kernelH, int kernelW, Mask mask, boolean withBias,
      ParameterFactory params) {
    if (inChannels < 1 || outChannels < 1 || kernelH < 1 || kernelW < 1 || kernelH % 2 == 0 || kernelW % 2 == 0) {
      throw new IllegalArgumentException("MaskedConv2d: channels must be >= 1 and kernel sides odd, got in "
          + inChannels + ", out " + outChannels + ", kernel (" + kernelH + ", " + kernelW + ")");
    }
    double[] m = mask.values(kernelH, kernelW);
    boolean any = false;
    for (double v : m) {
      any |= v != 0;
    }
    if (!any) {
      throw new IllegalArgumentException("MaskedConv2d: mask " + mask + " keeps no tap of a (" + kernelH + ", "
          + kernelW + ") kernel; use a taller kernel for " + mask);
    }
    Shape shape = Shape.of(outChannels, inChannels, kernelH, kernelW);
    double[] w = Inits.pytorchDefault().draw(shape, params.rng());
    int taps = kernelH * kernelW;
    for (int i = 0; i < w.length; i++) {
      w[i] *= m[i % taps];
    }
    this.maskType = mask;
    this.spec = new Conv2dSpec(1, 1, kernelH / 2, kernelW / 2, 1, 1);
    this.weight = registerParameter("weight", params.create(shape, w));
    this.bias = withBias
        ? registerParameter("bias", params.create(Shape.of(outChannels), Inits.pytorchDefaultBias(shape))) : null;
    this.mask = params.tensors().of(m, Shape.of(1, 1, kernelH, kernelW), params.dtype());
    Scope.release(this.mask);
  }

  /** {@code (O, C, KH, KW)}, zero at masked taps. */
  public Tensor weight() {
    return weight;
  }

  /** {@code (O)}, or null without bias. */
  public Tensor bias() {
    return bias;
  }

  /** The mask's kind. */
  public Mask maskType() {
    return maskType;
  }

  /** The mask, {@code (1, 1, KH, KW)} of 0 and 1 in the weight's dtype; owned by this layer, do not close. */
  public Tensor mask() {
    return mask;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.rank() != 4 || x.dim(1) != weight.dim(1)) {
      throw new IllegalArgumentException("MaskedConv2d: input " + x.shape() + " must be (N, " + weight.dim(1)
          + ", H, W) for weight " + weight.shape());
    }
    return Functions.conv2d(x, weight.mul(mask), bias, spec);
  }

  /** Closes the parameters and the mask. Idempotent. */
  @Override
  public void close() {
    super.close();
    mask.close();
  }

  @Override
  public String toString() {
    return "MaskedConv2d(" + weight.dim(1) + ", " + weight.dim(0) + ", kernel=(" + weight.dim(2) + ", "
        + weight.dim(3) + "), mask=" + maskType + ")";
  }
}
