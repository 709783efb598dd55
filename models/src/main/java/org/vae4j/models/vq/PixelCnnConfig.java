package org.vae4j.models.vq;

/**
 * The sizes of a {@link PixelCnnPrior}.
 *
 * @param numCodes K, the number of categories at each position
 * @param height   rows of the code map
 * @param width    columns of the code map
 * @param embedDim dimension of the learned embedding of each code
 * @param channels channels of each stack in the gated layers
 * @param layers   gated layers (the first with mask A, the rest with mask B); at least 1
 * @param kernel   odd kernel side of the masked convolutions, at least 3
 */
public record PixelCnnConfig(int numCodes, int height, int width, int embedDim, int channels, int layers,
    int kernel) {

  public PixelCnnConfig {
    if (numCodes < 2 || height < 1 || width < 1 || embedDim < 1 || channels < 1 || layers < 1 || kernel < 3
        || kernel % 2 == 0) {
      throw new IllegalArgumentException("PixelCnnConfig: need numCodes >= 2, a map of at least 1x1, embedDim,"
          + " channels and layers >= 1 and an odd kernel >= 3, got numCodes " + numCodes + ", map " + height + "x"
          + width + ", embedDim " + embedDim + ", channels " + channels + ", layers " + layers + ", kernel "
          + kernel);
    }
  }

  /**
   * A prior over 7x7 maps of K codes sized for the pure-Java backend (the configuration measured for issue
   * 7): embedding 16, 16 channels, 3 gated layers of 5x5 kernels, which reach every earlier position of a
   * 7x7 map. More channels and layers do better where compute allows.
   */
  public static PixelCnnConfig sevenBySeven(int numCodes) {
    return new PixelCnnConfig(numCodes, 7, 7, 16, 16, 3, 5);
  }

  /** The string stored in checkpoints. */
  public String describe() {
    return "numCodes=" + numCodes + " map=" + height + "x" + width + " embedDim=" + embedDim + " channels="
        + channels + " layers=" + layers + " kernel=" + kernel;
  }
}
