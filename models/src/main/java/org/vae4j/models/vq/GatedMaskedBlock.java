package org.vae4j.models.vq;

import org.vae4j.api.Tensor;
import org.vae4j.core.nn.Conv2d;
import org.vae4j.core.nn.MaskedConv2d;
import org.vae4j.core.nn.MaskedConv2d.Mask;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;

/**
 * One layer of a gated PixelCNN (van den Oord et al. 2016, "Conditional Image Generation with PixelCNN
 * Decoders"), with a vertical stack that sees whole rows above the current one and a horizontal stack that
 * sees the current row to the left, which together cover the whole raster-order past without the blind spot
 * of stacked mask-B convolutions:
 *
 * <pre>
 * v = vertical(vIn)                            k x k kernel, rows above (first layer) or rows up to the centre
 * h = horizontal(hIn) + verticalToHorizontal(v)  1 x k kernel, mask A (first layer) or B; 1x1 conv
 * vOut = tanh(v[:c]) * sigmoid(v[c:])
 * hOut = horizontalOut(tanh(h[:c]) * sigmoid(h[c:])) (+ hIn after the first layer)
 * </pre>
 *
 * <p>Causality: in the first layer the vertical output at row r depends only on rows {@code < r} and the
 * horizontal output at {@code (r, c)} on those rows and on {@code (r, c' < c)}; later layers (mask B, centre
 * included) keep these sets, so no output depends on its own position or on any later one. The first layer
 * has no residual connection, which would pass the current position's input through.
 *
 * <p>Inputs and outputs are {@code (N, channels, H, W)} pairs; parameter names {@code vertical.*},
 * {@code horizontal.*}, {@code verticalToHorizontal.*}, {@code horizontalOut.*}.
 */
final class GatedMaskedBlock extends ModuleBase {
  private final MaskedConv2d vertical;
  private final MaskedConv2d horizontal;
  private final Conv2d verticalToHorizontal;
  private final Conv2d horizontalOut;
  private final boolean first;
  private final int channels;

  /** The vertical and horizontal feature maps, both {@code (N, channels, H, W)}. */
  record Stacks(Tensor vertical, Tensor horizontal) {
  }

  /**
   * @param first      true for the first layer: masks exclude the current position, no residual
   * @param inChannels channels of the inputs (the embedding size for the first layer)
   * @param channels   channels of the outputs
   * @param kernel     odd kernel side of the vertical (k x k) and horizontal (1 x k) convolutions
   */
  GatedMaskedBlock(boolean first, int inChannels, int channels, int kernel, ParameterFactory p) {
    if (!first && inChannels != channels) {
      throw new IllegalArgumentException("GatedMaskedBlock: a residual layer needs inChannels == channels, got "
          + inChannels + " and " + channels);
    }
    this.first = first;
    this.channels = channels;
    this.vertical = registerModule("vertical", new MaskedConv2d(inChannels, 2 * channels, kernel, kernel,
        first ? Mask.ROWS_ABOVE : Mask.ROWS_ABOVE_AND_CENTRE, true, p));
    this.horizontal = registerModule("horizontal", new MaskedConv2d(inChannels, 2 * channels, 1, kernel,
        first ? Mask.A : Mask.B, true, p));
    this.verticalToHorizontal = registerModule("verticalToHorizontal", new Conv2d(2 * channels, 2 * channels, 1, 1,
        0, p));
    this.horizontalOut = registerModule("horizontalOut", new Conv2d(channels, channels, 1, 1, 0, p));
  }

  Stacks forward(Stacks in) {
    Tensor v = vertical.forward(in.vertical());
    Tensor h = horizontal.forward(in.horizontal()).add(verticalToHorizontal.forward(v));
    Tensor hOut = horizontalOut.forward(gate(h));
    if (!first) {
      hOut = hOut.add(in.horizontal());
    }
    return new Stacks(gate(v), hOut);
  }

  /** {@code tanh(a) * sigmoid(b)} of the two channel halves. */
  private Tensor gate(Tensor x) {
    return x.slice(1, 0, channels).tanh().mul(x.slice(1, channels, 2 * channels).sigmoid());
  }
}
