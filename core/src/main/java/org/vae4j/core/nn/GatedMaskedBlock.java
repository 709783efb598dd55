package org.vae4j.core.nn;

import org.vae4j.api.Tensor;
import org.vae4j.core.nn.MaskedConv2d.Mask;

/**
 * One layer of a gated PixelCNN (van den Oord et al. 2016, "Conditional Image Generation with PixelCNN
 * Decoders"), with a vertical stack that sees whole rows above the current one and a horizontal stack that
 * sees the current row to the left, which together cover the whole raster-order past without the blind spot
 * of stacked mask-B convolutions:
 *
 * <pre>
 * v = vertical(vIn) + V_v y                      k x k kernel, rows above (first layer) or rows up to the centre
 * h = horizontal(hIn) + verticalToHorizontal(v) + V_h y   1 x k kernel, mask A (first layer) or B; 1x1 conv
 * vOut = tanh(v[:c]) * sigmoid(v[c:])
 * hOut = horizontalOut(tanh(h[:c]) * sigmoid(h[c:])) (+ hIn after the first layer)
 * </pre>
 *
 * <p>{@code y} is an optional conditioning vector per image {@code (N, D)} (a one-hot class label, say), mapped
 * by two bias-free linear maps {@code V_v, V_h (2c, D)} to a per-image bias of every gate: the paper's
 * class-conditional PixelCNN. Without conditioning ({@code D = 0}) the layer has no such parameters.
 *
 * <p>Causality: in the first layer the vertical output at row r depends only on rows {@code < r} and the
 * horizontal output at {@code (r, c)} on those rows and on {@code (r, c' < c)}; later layers (mask B, centre
 * included) keep these sets, so no output depends on its own position or on any later one. The first layer
 * has no residual connection, which would pass the current position's input through.
 *
 * <p><b>Incremental evaluation.</b> The two halves are exposed separately for samplers: the vertical output at
 * row r reads rows {@code r - verticalReach() .. r} of its input and nothing else, and the horizontal output of
 * a row reads only that row of its inputs. A sampler can therefore compute the vertical stack of row r once,
 * on a few rows, and the horizontal stack of one row per pixel.
 *
 * <p>Inputs and outputs are {@code (N, channels, H, W)} pairs; parameter names {@code vertical.*},
 * {@code horizontal.*}, {@code verticalToHorizontal.*}, {@code horizontalOut.*}, then (when conditioned)
 * {@code conditionVertical.weight} and {@code conditionHorizontal.weight}.
 */
public final class GatedMaskedBlock extends ModuleBase {
  private final MaskedConv2d vertical;
  private final MaskedConv2d horizontal;
  private final Conv2d verticalToHorizontal;
  private final Conv2d horizontalOut;
  private final Linear conditionVertical;
  private final Linear conditionHorizontal;
  private final boolean first;
  private final int channels;
  private final int kernel;

  /** The vertical and horizontal feature maps, both {@code (N, channels, H, W)}. */
  public record Stacks(Tensor vertical, Tensor horizontal) {
  }

  /**
   * The vertical half of a layer.
   *
   * @param gated        the vertical stack's output, the next layer's vertical input, {@code (N, c, rows, W)}
   * @param toHorizontal the vertical features the horizontal stack adds, {@code (N, 2c, rows, W)}
   */
  public record VerticalOut(Tensor gated, Tensor toHorizontal) {
  }

  /** An unconditional layer; see {@link #GatedMaskedBlock(boolean, int, int, int, int, ParameterFactory)}. */
  public GatedMaskedBlock(boolean first, int inChannels, int channels, int kernel, ParameterFactory p) {
    this(first, inChannels, channels, kernel, 0, p);
  }

  /**
   * @param first         true for the first layer: masks exclude the current position, no residual
   * @param inChannels    channels of the inputs (the embedding size, or the image channels, for the first layer)
   * @param channels      channels of the outputs
   * @param kernel        odd kernel side of the vertical (k x k) and horizontal (1 x k) convolutions
   * @param conditionSize D, the size of the conditioning vector, or 0 for an unconditional layer
   */
  public GatedMaskedBlock(boolean first, int inChannels, int channels, int kernel, int conditionSize,
      ParameterFactory p) {
    if (!first && inChannels != channels) {
      throw new IllegalArgumentException("GatedMaskedBlock: a residual layer needs inChannels == channels, got "
          + inChannels + " and " + channels);
    }
    if (conditionSize < 0) {
      throw new IllegalArgumentException("GatedMaskedBlock: conditionSize must be >= 0, got " + conditionSize);
    }
    this.first = first;
    this.channels = channels;
    this.kernel = kernel;
    this.vertical = registerModule("vertical", new MaskedConv2d(inChannels, 2 * channels, kernel, kernel,
        first ? Mask.ROWS_ABOVE : Mask.ROWS_ABOVE_AND_CENTRE, true, p));
    this.horizontal = registerModule("horizontal", new MaskedConv2d(inChannels, 2 * channels, 1, kernel,
        first ? Mask.A : Mask.B, true, p));
    this.verticalToHorizontal = registerModule("verticalToHorizontal", new Conv2d(2 * channels, 2 * channels, 1, 1,
        0, p));
    this.horizontalOut = registerModule("horizontalOut", new Conv2d(channels, channels, 1, 1, 0, p));
    if (conditionSize > 0) {
      this.conditionVertical = registerModule("conditionVertical",
          new Linear(conditionSize, 2 * channels, Inits.pytorchDefault(), null, p));
      this.conditionHorizontal = registerModule("conditionHorizontal",
          new Linear(conditionSize, 2 * channels, Inits.pytorchDefault(), null, p));
    } else {
      this.conditionVertical = null;
      this.conditionHorizontal = null;
    }
  }

  /** Rows above row r that the vertical output at row r reads from this layer's vertical input. */
  public int verticalReach() {
    return kernel / 2;
  }

  /** D, or 0 for an unconditional layer. */
  public int conditionSize() {
    return conditionVertical == null ? 0 : conditionVertical.in();
  }

  /** An unconditional layer's forward pass. */
  public Stacks forward(Stacks in) {
    return forward(in, null);
  }

  /**
   * Both stacks.
   *
   * @param condition {@code (N, D)}, or null for an unconditional layer
   */
  public Stacks forward(Stacks in, Tensor condition) {
    VerticalOut v = vertical(in.vertical(), condition);
    return new Stacks(v.gated(), horizontal(in.horizontal(), v.toHorizontal(), condition));
  }

  /** The vertical half on {@code vIn (N, C, rows, W)}: output row r is exact where rows r - reach .. r are given. */
  public VerticalOut vertical(Tensor vIn, Tensor condition) {
    Tensor v = addCondition(vertical.forward(vIn), conditionVertical, condition);
    return new VerticalOut(gate(v), verticalToHorizontal.forward(v));
  }

  /**
   * The horizontal half on {@code hIn (N, C, rows, W)} and the matching rows of {@link VerticalOut#toHorizontal};
   * each output row reads only the same row of both.
   */
  public Tensor horizontal(Tensor hIn, Tensor toHorizontal, Tensor condition) {
    Tensor h = addCondition(horizontal.forward(hIn).add(toHorizontal), conditionHorizontal, condition);
    Tensor hOut = horizontalOut.forward(gate(h));
    return first ? hOut : hOut.add(hIn);
  }

  private Tensor addCondition(Tensor x, Linear map, Tensor condition) {
    if (map == null) {
      if (condition != null) {
        throw new IllegalArgumentException("GatedMaskedBlock: this layer is unconditional but got a condition "
            + condition.shape());
      }
      return x;
    }
    if (condition == null || condition.rank() != 2 || condition.dim(0) != x.dim(0)
        || condition.dim(1) != map.in()) {
      throw new IllegalArgumentException("GatedMaskedBlock: condition " + (condition == null ? "missing"
          : condition.shape()) + " must be (" + x.dim(0) + ", " + map.in() + ")");
    }
    return x.add(map.forward(condition).reshape(x.dim(0), 2 * channels, 1, 1));
  }

  /** {@code tanh(a) * sigmoid(b)} of the two channel halves. */
  private Tensor gate(Tensor x) {
    return x.slice(1, 0, channels).tanh().mul(x.slice(1, channels, 2 * channels).sigmoid());
  }
}
