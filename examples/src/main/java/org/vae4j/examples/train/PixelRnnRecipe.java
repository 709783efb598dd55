package org.vae4j.examples.train;

import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.models.pixel.PixelLevels;
import org.vae4j.models.pixel.PixelModel;
import org.vae4j.models.pixel.PixelRnn;
import org.vae4j.models.pixel.PixelRnnConfig;

/**
 * {@code pixelrnn}: PixelRNN over pixels ({@link PixelRnn}). Options ({@code --set}): {@code levels} (2 or 256,
 * see {@link PixelModelRecipe}), {@code arch} ({@code diagonal}, the Diagonal BiLSTM, by default, or
 * {@code row}, the Row LSTM), {@code hidden} (the LSTM state) and {@code layers} (defaults from
 * {@link PixelRnnConfig#mnist}: 16 and 2).
 */
public final class PixelRnnRecipe extends PixelModelRecipe {
  private static final PixelRnnConfig DEFAULTS = PixelRnnConfig.mnist(PixelLevels.BINARY,
      PixelRnnConfig.Arch.DIAGONAL_BILSTM);
  private static final int HIDDEN = DEFAULTS.hidden();
  private static final int LAYERS = DEFAULTS.layers();

  @Override
  public String kind() {
    return "pixelrnn";
  }

  @Override
  public String description() {
    return "PixelRNN over pixels (Diagonal BiLSTM, or --set arch=row), exact likelihood";
  }

  @Override
  void readOptions(ModelOptions o) {
    o.choice("arch", "diagonal", "diagonal", "row");
    o.integer("hidden", HIDDEN, 1, 256);
    o.integer("layers", LAYERS, 1, 32);
  }

  @Override
  PixelModel build(ModelSpec spec, PixelLevels levels, ParameterFactory parameters) {
    ModelOptions o = new ModelOptions(kind(), spec.options());
    o.integer(LEVELS, levels.levels(), 2, 256);
    PixelRnnConfig config = new PixelRnnConfig(spec.rows(), spec.cols(), levels,
        PixelRnnConfig.Arch.ofCliName(o.choice("arch", "diagonal", "diagonal", "row")),
        o.integer("hidden", HIDDEN, 1, 256), o.integer("layers", LAYERS, 1, 32));
    o.resolved();
    return new PixelRnn(config, parameters);
  }
}
