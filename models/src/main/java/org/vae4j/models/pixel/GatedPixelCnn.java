package org.vae4j.models.pixel;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Tensor;
import org.vae4j.core.nn.Conv2d;
import org.vae4j.core.nn.GatedMaskedBlock;
import org.vae4j.core.nn.ParameterFactory;

/**
 * The gated PixelCNN of van den Oord et al. 2016 ("Conditional Image Generation with PixelCNN Decoders") over
 * the pixels of one-channel images: {@link GatedMaskedBlock}s with a vertical and a horizontal stack (no blind
 * spot), gated {@code tanh * sigmoid} activations, residual connections after the first layer and, when
 * {@code classes > 0}, a per-layer bias from the one-hot label (the paper's class-conditional model); then
 * {@code ReLU, 1x1 conv, ReLU, 1x1 conv} to the logits of {@link PixelLevels}.
 *
 * <p>Sampling reuses the stacks' structure: the vertical stack of row r is computed once per row on the
 * {@code layers * kernel / 2 + 1} rows it can see, and per pixel only the horizontal stack of that one row
 * runs ({@link GatedPixelCnnSampler}). Parameters {@code layer0.*}..., {@code head1.*}, {@code head2.*}.
 */
public final class GatedPixelCnn extends PixelModel {
  private final GatedPixelCnnConfig config;
  private final List<GatedMaskedBlock> layers = new ArrayList<>();
  private final Conv2d head1;
  private final Conv2d head2;

  /** A model of the given sizes, its parameters drawn from {@code params} in the order of the names above. */
  public GatedPixelCnn(GatedPixelCnnConfig config, ParameterFactory params) {
    super(config.height(), config.width(), config.levels(), config.classes());
    this.config = config;
    for (int i = 0; i < config.layers(); i++) {
      layers.add(registerModule("layer" + i, new GatedMaskedBlock(i == 0, i == 0 ? 1 : config.channels(),
          config.channels(), config.kernel(), config.classes(), params)));
    }
    this.head1 = registerModule("head1", new Conv2d(config.channels(), config.channels(), 1, 1, 0, params));
    this.head2 = registerModule("head2", new Conv2d(config.channels(), config.levels().logitChannels(), 1, 1, 0,
        params));
  }

  /** The sizes. */
  public GatedPixelCnnConfig config() {
    return config;
  }

  List<GatedMaskedBlock> layers() {
    return layers;
  }

  @Override
  protected Tensor network(Tensor input, Tensor condition) {
    GatedMaskedBlock.Stacks s = new GatedMaskedBlock.Stacks(input, input);
    for (GatedMaskedBlock layer : layers) {
      s = layer.forward(s, condition);
    }
    return head(s.horizontal());
  }

  /** {@code ReLU, 1x1 conv, ReLU, 1x1 conv}: the logits of the horizontal stack's features. */
  Tensor head(Tensor features) {
    return head2.forward(head1.forward(features.relu()).relu());
  }

  @Override
  PixelSampler sampler(int n, Tensor condition) {
    return new GatedPixelCnnSampler(this, n, condition);
  }

  @Override
  public String modelName() {
    return "gated-pixelcnn";
  }

  @Override
  public String modelConfig() {
    return config.describe();
  }
}
