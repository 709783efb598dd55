package org.vae4j.models.pixel;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Tensor;
import org.vae4j.core.nn.Conv2d;
import org.vae4j.core.nn.MaskedConv2d;
import org.vae4j.core.nn.MaskedConv2d.Mask;
import org.vae4j.core.nn.ParameterFactory;

/**
 * PixelRNN (van den Oord, Kalchbrenner and Kavukcuoglu 2016, "Pixel Recurrent Neural Networks") for
 * one-channel images: a 7x7 convolution with mask A (the pixel itself excluded), recurrent layers with
 * residual connections ({@link RowLstmLayer} or {@link DiagonalBiLstmLayer}; their input-to-state
 * convolutions use mask B), then {@code ReLU, 1x1 conv, ReLU, 1x1 conv} to the logits of {@link PixelLevels}.
 * The residual stream has 2h channels, each LSTM h.
 *
 * <p>Sampling runs one LSTM-cell step per layer per pixel ({@link PixelRnnSampler}): the states of the rows
 * above are kept, and the Diagonal BiLSTM's right-to-left direction sweeps each finished row once. Parameters
 * {@code input.*} {@code (2h, 1, 7, 7)}, {@code layer0.*}..., {@code head1.*}, {@code head2.*}.
 */
public final class PixelRnn extends PixelModel {
  private final PixelRnnConfig config;
  private final MaskedConv2d input;
  private final List<PixelRnnLayer> layers = new ArrayList<>();
  private final Conv2d head1;
  private final Conv2d head2;

  /** A model of the given sizes, its parameters drawn from {@code params} in the order of the names above. */
  public PixelRnn(PixelRnnConfig config, ParameterFactory params) {
    super(config.height(), config.width(), config.levels(), 0);
    this.config = config;
    int h = config.hidden();
    int k = PixelRnnConfig.FIRST_KERNEL;
    this.input = registerModule("input", new MaskedConv2d(1, 2 * h, k, k, Mask.A, true, params));
    for (int i = 0; i < config.layers(); i++) {
      layers.add(registerModule("layer" + i, config.arch() == PixelRnnConfig.Arch.ROW_LSTM
          ? new RowLstmLayer(h, params) : new DiagonalBiLstmLayer(h, params)));
    }
    this.head1 = registerModule("head1", new Conv2d(2 * h, 2 * h, 1, 1, 0, params));
    this.head2 = registerModule("head2", new Conv2d(2 * h, config.levels().logitChannels(), 1, 1, 0, params));
  }

  /** The sizes. */
  public PixelRnnConfig config() {
    return config;
  }

  @Override
  protected Tensor network(Tensor in, Tensor condition) {
    Tensor x = input.forward(in);
    for (PixelRnnLayer layer : layers) {
      x = layer.forward(x);
    }
    return head2.forward(head1.forward(x.relu()).relu());
  }

  @Override
  PixelSampler sampler(int n, Tensor condition) {
    return new PixelRnnSampler(this, n);
  }

  MaskedConv2d input() {
    return input;
  }

  List<PixelRnnLayer> layers() {
    return layers;
  }

  Conv2d head1() {
    return head1;
  }

  Conv2d head2() {
    return head2;
  }

  @Override
  public String modelName() {
    return "pixelrnn";
  }

  @Override
  public String modelConfig() {
    return config.describe();
  }
}
