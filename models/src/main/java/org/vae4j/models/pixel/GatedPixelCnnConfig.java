package org.vae4j.models.pixel;

/**
 * The sizes of a {@link GatedPixelCnn}.
 *
 * @param height   image rows
 * @param width    image columns
 * @param levels   binary or 256 grey levels
 * @param channels channels of each stack in the gated layers (and of the output head)
 * @param layers   gated layers (the first with masks that exclude the current pixel); at least 1
 * @param kernel   odd kernel side of the masked convolutions, at least 3
 * @param classes  labels the model is conditioned on, 0 for an unconditional model
 */
public record GatedPixelCnnConfig(int height, int width, PixelLevels levels, int channels, int layers, int kernel,
    int classes) {

  public GatedPixelCnnConfig {
    if (height < 1 || width < 1 || levels == null || channels < 1 || layers < 1 || kernel < 3 || kernel % 2 == 0
        || classes < 0) {
      throw new IllegalArgumentException("GatedPixelCnnConfig: need images of at least 1x1, levels, channels and"
          + " layers >= 1, an odd kernel >= 3 and classes >= 0, got " + height + "x" + width + ", " + levels
          + ", channels " + channels + ", layers " + layers + ", kernel " + kernel + ", classes " + classes);
    }
  }

  /**
   * The command line's default for 28x28 digits, sized for a few epochs on two CPU cores: 16 channels, 5 layers
   * of 5x5 kernels (each pixel sees 10 rows up and 10 columns to its left), unconditional. The paper's
   * networks are far wider and deeper.
   */
  public static GatedPixelCnnConfig mnist(PixelLevels levels) {
    return new GatedPixelCnnConfig(28, 28, levels, 16, 5, 5, 0);
  }

  /** This configuration conditioned on {@code classes} labels (0: unconditional). */
  public GatedPixelCnnConfig withClasses(int classes) {
    return new GatedPixelCnnConfig(height, width, levels, channels, layers, kernel, classes);
  }

  /** The string stored in checkpoints. */
  public String describe() {
    return "image=" + height + "x" + width + " levels=" + levels.levels() + " channels=" + channels + " layers="
        + layers + " kernel=" + kernel + " classes=" + classes;
  }
}
