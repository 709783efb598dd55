package org.vae4j.models.vq;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.core.nn.Activation;
import org.vae4j.core.nn.Conv2d;
import org.vae4j.core.nn.ConvTranspose2d;
import org.vae4j.core.nn.Layer;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.nn.ResidualBlock;
import org.vae4j.core.nn.Sequential;

/**
 * The convolutional encoder and decoder of {@link VqVae}, after the paper's: stride-2 4x4 convolutions
 * take 28x28 to 14x14 to 7x7, a 3x3 convolution and residual blocks ({@code ReLU, 3x3 conv to hidden/2,
 * ReLU, 1x1 conv back}) form the trunk, a 1x1 convolution projects to the code dimension; the decoder
 * mirrors it with transposed convolutions. Parameters are drawn in construction order.
 */
final class VqVaeNetworks {
  private VqVaeNetworks() {
  }

  /** {@code (N, 1, 28, 28) -> (N, codeDim, 7, 7)}. */
  static Sequential encoder(VqVaeConfig c, ParameterFactory p) {
    int h = c.hidden();
    List<Layer> layers = new ArrayList<>(List.of(
        new Conv2d(1, h / 2, 4, 2, 1, p), Activation.relu(),
        new Conv2d(h / 2, h, 4, 2, 1, p), Activation.relu(),
        new Conv2d(h, h, 3, 1, 1, p)));
    addResidualBlocks(layers, c, p);
    layers.add(Activation.relu());
    layers.add(new Conv2d(h, c.codeDim(), 1, 1, 0, p));
    return new Sequential(layers);
  }

  /** {@code (N, codeDim, 7, 7) -> (N, 1, 28, 28)} Bernoulli logits. */
  static Sequential decoder(VqVaeConfig c, ParameterFactory p) {
    int h = c.hidden();
    List<Layer> layers = new ArrayList<>(List.of(new Conv2d(c.codeDim(), h, 3, 1, 1, p)));
    addResidualBlocks(layers, c, p);
    layers.add(Activation.relu());
    layers.add(new ConvTranspose2d(h, h / 2, 4, 2, 1, 0, p));
    layers.add(Activation.relu());
    layers.add(new ConvTranspose2d(h / 2, 1, 4, 2, 1, 0, p));
    return new Sequential(layers);
  }

  private static void addResidualBlocks(List<Layer> layers, VqVaeConfig c, ParameterFactory p) {
    int h = c.hidden();
    for (int i = 0; i < c.residualBlocks(); i++) {
      layers.add(new ResidualBlock(new Sequential(
          Activation.relu(), new Conv2d(h, h / 2, 3, 1, 1, p),
          Activation.relu(), new Conv2d(h / 2, h, 1, 1, 0, p))));
    }
  }
}
