package org.vae4j.models.pixel;

import java.util.Locale;

/**
 * The sizes of a {@link PixelRnn}.
 *
 * @param height image rows
 * @param width  image columns
 * @param levels binary or 256 grey levels
 * @param arch   Row LSTM or Diagonal BiLSTM layers
 * @param hidden h, the LSTM state size; the residual stream between layers has 2h channels
 * @param layers recurrent layers, at least 1
 */
public record PixelRnnConfig(int height, int width, PixelLevels levels, Arch arch, int hidden, int layers) {
  /** Side of the first layer's mask-A convolution, as in the paper. */
  public static final int FIRST_KERNEL = 7;
  /** Width of the Row LSTM's 1 x k input-to-state and state-to-state convolutions, as in the paper. */
  public static final int ROW_KERNEL = 3;

  /** The recurrent layer of van den Oord et al. 2016 (PixelRNN). */
  public enum Arch {
    /** Row by row: a 1 x k state-to-state convolution over the row above; a triangular receptive field. */
    ROW_LSTM,
    /** Along the diagonals of a skewed map, in both directions: the whole raster-order past is seen. */
    DIAGONAL_BILSTM;

    /** The name used on the command line: {@code row} or {@code diagonal}. */
    public String cliName() {
      return this == ROW_LSTM ? "row" : "diagonal";
    }

    /** The arch named {@code row} or {@code diagonal}. */
    public static Arch ofCliName(String name) {
      for (Arch a : values()) {
        if (a.cliName().equals(name.toLowerCase(Locale.ROOT))) {
          return a;
        }
      }
      throw new IllegalArgumentException("PixelRNN arch '" + name + "' is not known; give row or diagonal");
    }
  }

  public PixelRnnConfig {
    if (height < 1 || width < 1 || levels == null || arch == null || hidden < 1 || layers < 1) {
      throw new IllegalArgumentException("PixelRnnConfig: need images of at least 1x1, levels, an arch, hidden"
          + " and layers >= 1, got " + height + "x" + width + ", " + levels + ", " + arch + ", hidden " + hidden
          + ", layers " + layers);
    }
  }

  /**
   * The command line's default for 28x28 digits: h = 16 (the paper's MNIST size) and 2 layers (the paper has
   * 7), sized for a few epochs on two CPU cores.
   */
  public static PixelRnnConfig mnist(PixelLevels levels, Arch arch) {
    return new PixelRnnConfig(28, 28, levels, arch, 16, 2);
  }

  /** The string stored in checkpoints. */
  public String describe() {
    return "image=" + height + "x" + width + " levels=" + levels.levels() + " arch=" + arch.cliName() + " hidden="
        + hidden + " layers=" + layers;
  }
}
