package org.vae4j.core.nn;

import java.util.Arrays;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;

/**
 * Initialization schemes, with fans computed as PyTorch's {@code _calculate_fan_in_and_fan_out} does: for a
 * weight of shape {@code (d0, d1, k...)}, {@code fanIn = d1 * prod(k)} and {@code fanOut = d0 * prod(k)}.
 * (For ConvTranspose2d's {@code (Cin, Cout, KH, KW)} that makes fanIn use Cout, exactly as PyTorch.)
 */
public final class Inits {
  private Inits() {
  }

  /** Fan-in of a weight shape of rank 2 or more. */
  public static int fanIn(Shape shape) {
    requireWeightShape(shape);
    return shape.dim(1) * receptiveField(shape);
  }

  /** Fan-out of a weight shape of rank 2 or more. */
  public static int fanOut(Shape shape) {
    requireWeightShape(shape);
    return shape.dim(0) * receptiveField(shape);
  }

  /** All zeros. */
  public static WeightInit zeros() {
    return (shape, rng) -> new double[shape.sizeAsInt()];
  }

  /** All equal to {@code value}. */
  public static WeightInit constant(double value) {
    return (shape, rng) -> {
      double[] v = new double[shape.sizeAsInt()];
      Arrays.fill(v, value);
      return v;
    };
  }

  /** Uniform on {@code [-bound, bound)}. */
  public static WeightInit uniform(double bound) {
    return (shape, rng) -> uniformValues(rng, shape.sizeAsInt(), bound);
  }

  /** Normal with mean 0 and standard deviation {@code std}. */
  public static WeightInit normal(double std) {
    return (shape, rng) -> normalValues(rng, shape.sizeAsInt(), std);
  }

  /** Glorot and Bengio's uniform: bound {@code gain * sqrt(6 / (fanIn + fanOut))}. */
  public static WeightInit xavierUniform(double gain) {
    return (shape, rng) -> uniformValues(rng, shape.sizeAsInt(),
        gain * Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape))));
  }

  /** Glorot and Bengio's normal: std {@code gain * sqrt(2 / (fanIn + fanOut))}. */
  public static WeightInit xavierNormal(double gain) {
    return (shape, rng) -> normalValues(rng, shape.sizeAsInt(),
        gain * Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape))));
  }

  /**
   * He et al.'s uniform in fan-in mode for a leaky ReLU of negative slope {@code a}: bound
   * {@code sqrt(3) * sqrt(2 / (1 + a^2)) / sqrt(fanIn)}.
   */
  public static WeightInit kaimingUniform(double a) {
    return (shape, rng) -> uniformValues(rng, shape.sizeAsInt(),
        Math.sqrt(3.0) * leakyReluGain(a) / Math.sqrt(fanIn(shape)));
  }

  /** He et al.'s normal in fan-in mode: std {@code sqrt(2 / (1 + a^2)) / sqrt(fanIn)}. */
  public static WeightInit kaimingNormal(double a) {
    return (shape, rng) -> normalValues(rng, shape.sizeAsInt(), leakyReluGain(a) / Math.sqrt(fanIn(shape)));
  }

  /** He uniform for ReLU networks: {@code kaimingUniform(0)}. */
  public static WeightInit heUniform() {
    return kaimingUniform(0.0);
  }

  /** He normal for ReLU networks: {@code kaimingNormal(0)}. */
  public static WeightInit heNormal() {
    return kaimingNormal(0.0);
  }

  /**
   * PyTorch's default for Linear and Conv weights, {@code kaiming_uniform_(a = sqrt(5))}: uniform with
   * bound {@code 1 / sqrt(fanIn)}.
   */
  public static WeightInit pytorchDefault() {
    return kaimingUniform(Math.sqrt(5.0));
  }

  /** PyTorch's default bias of a layer whose weight has {@code weightShape}: uniform, bound 1/sqrt(fanIn). */
  public static WeightInit pytorchDefaultBias(Shape weightShape) {
    int fanIn = fanIn(weightShape);
    return uniform(fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0.0);
  }

  /** The gain PyTorch's {@code calculate_gain} gives: tanh 5/3, relu sqrt(2), sigmoid and linear 1. */
  public static double gain(String nonlinearity) {
    return switch (nonlinearity) {
      case "linear", "sigmoid", "identity" -> 1.0;
      case "tanh" -> 5.0 / 3.0;
      case "relu" -> Math.sqrt(2.0);
      case "selu" -> 0.75;
      default -> throw new IllegalArgumentException("gain: unknown nonlinearity '" + nonlinearity
          + "'; use linear, identity, sigmoid, tanh, relu or selu (or leakyReluGain(slope))");
    };
  }

  /** {@code sqrt(2 / (1 + a^2))}. */
  public static double leakyReluGain(double a) {
    return Math.sqrt(2.0 / (1.0 + a * a));
  }

  private static double[] uniformValues(RandomStream rng, int n, double bound) {
    double[] u = rng.uniformDoubles(n);
    for (int i = 0; i < n; i++) {
      u[i] = (2.0 * u[i] - 1.0) * bound;
    }
    return u;
  }

  private static double[] normalValues(RandomStream rng, int n, double std) {
    double[] v = rng.normalDoubles(n);
    for (int i = 0; i < n; i++) {
      v[i] *= std;
    }
    return v;
  }

  private static int receptiveField(Shape shape) {
    int r = 1;
    for (int i = 2; i < shape.rank(); i++) {
      r *= shape.dim(i);
    }
    return r;
  }

  private static void requireWeightShape(Shape shape) {
    if (shape.rank() < 2) {
      throw new IllegalArgumentException("fan in/out: weight shape " + shape
          + " has fewer than 2 axes; fans are defined for (out, in, ...) weights only");
    }
  }
}
