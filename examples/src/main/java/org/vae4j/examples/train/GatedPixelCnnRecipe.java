package org.vae4j.examples.train;

import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.models.pixel.GatedPixelCnn;
import org.vae4j.models.pixel.GatedPixelCnnConfig;
import org.vae4j.models.pixel.PixelLevels;
import org.vae4j.models.pixel.PixelModel;

/**
 * {@code gated-pixelcnn}: the gated PixelCNN over pixels ({@link GatedPixelCnn}). Options ({@code --set}):
 * {@code levels} (2 or 256, see {@link PixelModelRecipe}), {@code channels}, {@code layers} and {@code kernel}
 * (odd; defaults from {@link GatedPixelCnnConfig#mnist}: 16, 5 and 5), {@code conditional} (true: one gate
 * bias per digit class; default false).
 */
public final class GatedPixelCnnRecipe extends PixelModelRecipe {
  private static final GatedPixelCnnConfig DEFAULTS = GatedPixelCnnConfig.mnist(PixelLevels.BINARY);
  private static final int CHANNELS = DEFAULTS.channels();
  private static final int LAYERS = DEFAULTS.layers();
  private static final int KERNEL = DEFAULTS.kernel();

  @Override
  public String kind() {
    return "gated-pixelcnn";
  }

  @Override
  public String description() {
    return "gated PixelCNN over pixels, exact likelihood (2 levels with --binarize, else 256)";
  }

  @Override
  void readOptions(ModelOptions o) {
    o.integer("channels", CHANNELS, 1, 512);
    o.integer("layers", LAYERS, 1, 64);
    int kernel = o.integer("kernel", KERNEL, 3, 15);
    if (kernel % 2 == 0) {
      throw new RunInputException(kind() + ": --set kernel=" + kernel + " is even; masked kernels need a centre,"
          + " give an odd size such as " + (kernel + 1));
    }
    o.flag("conditional", false);
  }

  @Override
  PixelModel build(ModelSpec spec, PixelLevels levels, ParameterFactory parameters) {
    ModelOptions o = new ModelOptions(kind(), spec.options());
    o.integer(LEVELS, levels.levels(), 2, 256);
    GatedPixelCnnConfig config = new GatedPixelCnnConfig(spec.rows(), spec.cols(), levels,
        o.integer("channels", CHANNELS, 1, 512), o.integer("layers", LAYERS, 1, 64),
        o.integer("kernel", KERNEL, 3, 15), o.flag("conditional", false) ? spec.classes() : 0);
    o.resolved();
    return new GatedPixelCnn(config, parameters);
  }
}
