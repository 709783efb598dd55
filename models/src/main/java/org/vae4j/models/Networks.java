package org.vae4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.vae4j.api.Shape;
import org.vae4j.core.nn.Activation;
import org.vae4j.core.nn.Conv2d;
import org.vae4j.core.nn.ConvTranspose2d;
import org.vae4j.core.nn.Flatten;
import org.vae4j.core.nn.Layer;
import org.vae4j.core.nn.Linear;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.nn.Reshape;
import org.vae4j.core.nn.Sequential;

/**
 * The encoder and decoder networks of the models here, as {@link Sequential}s with PyTorch-style names.
 * Parameters are drawn from the factory's stream in construction order (encoder before decoder).
 */
public final class Networks {
  /** Side of the square images the convolutional networks take. */
  public static final int IMAGE_SIDE = 28;
  private static final int CONV_HIDDEN = 256;

  private Networks() {
  }

  /**
   * {@code Flatten, Linear(in, h1), act, ..., Linear(hk, out)}: input {@code (N) ++ D} with
   * {@code prod(D) = in}, output {@code (N, out)}.
   */
  public static Sequential mlp(int in, int[] hidden, int out, Supplier<Layer> activation, ParameterFactory p) {
    List<Layer> layers = new ArrayList<>();
    layers.add(new Flatten());
    int width = in;
    for (int h : hidden) {
      layers.add(new Linear(width, h, p));
      layers.add(activation.get());
      width = h;
    }
    layers.add(new Linear(width, out, p));
    return new Sequential(layers);
  }

  /**
   * {@code Linear(in, h1), act, ..., Linear(hk, prod(out)), Reshape(out)}: input {@code (N, in)}, output
   * {@code (N) ++ out}.
   */
  public static Sequential mlpDecoder(int in, int[] hidden, Shape out, Supplier<Layer> activation,
      ParameterFactory p) {
    List<Layer> layers = new ArrayList<>();
    int width = in;
    for (int h : hidden) {
      layers.add(new Linear(width, h, p));
      layers.add(activation.get());
      width = h;
    }
    layers.add(new Linear(width, out.sizeAsInt(), p));
    layers.add(new Reshape(out.dims()));
    return new Sequential(layers);
  }

  /**
   * {@code (N, channels, 28, 28) -> (N, out)}: two stride-2 4x4 convolutions (32 and 64 channels, to 14x14
   * and 7x7) with ReLU, then {@code Linear(64*7*7, 256)}, ReLU, {@code Linear(256, out)}.
   */
  public static Sequential convEncoder28(int channels, int out, ParameterFactory p) {
    return new Sequential(
        new Conv2d(channels, 32, 4, 2, 1, p), Activation.relu(),
        new Conv2d(32, 64, 4, 2, 1, p), Activation.relu(),
        new Flatten(),
        new Linear(64 * 7 * 7, CONV_HIDDEN, p), Activation.relu(),
        new Linear(CONV_HIDDEN, out, p));
  }

  /**
   * {@code (N, in) -> (N, outChannels, 28, 28)}, the mirror of {@link #convEncoder28}: {@code Linear(in,
   * 256)}, ReLU, {@code Linear(256, 64*7*7)}, ReLU, reshape to (64, 7, 7), two stride-2 4x4 transposed
   * convolutions (to 32 channels at 14x14, ReLU, then {@code outChannels} at 28x28).
   */
  public static Sequential convDecoder28(int in, int outChannels, ParameterFactory p) {
    return new Sequential(
        new Linear(in, CONV_HIDDEN, p), Activation.relu(),
        new Linear(CONV_HIDDEN, 64 * 7 * 7, p), Activation.relu(),
        new Reshape(64, 7, 7),
        new ConvTranspose2d(64, 32, 4, 2, 1, 0, p), Activation.relu(),
        new ConvTranspose2d(32, outChannels, 4, 2, 1, 0, p));
  }
}
