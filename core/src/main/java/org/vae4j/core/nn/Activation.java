package org.vae4j.core.nn;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.vae4j.api.Tensor;

/**
 * An elementwise nonlinearity without parameters, any shape in and the same shape out. ELU and LeakyReLU
 * are composed from {@code where} and {@code expm1}; their gradient is the usual subgradient (the
 * positive branch at 0 excluded).
 */
public final class Activation implements Layer {
  private final String name;
  private final UnaryOperator<Tensor> fn;

  private Activation(String name, UnaryOperator<Tensor> fn) {
    this.name = name;
    this.fn = fn;
  }

  /** {@code max(x, 0)}. */
  public static Activation relu() {
    return new Activation("ReLU", Tensor::relu);
  }

  /** {@code x} for x > 0, else {@code slope * x}. */
  public static Activation leakyRelu(double slope) {
    return new Activation("LeakyReLU(" + slope + ")", x -> leakyRelu(x, slope));
  }

  /** {@code tanh(x)}. */
  public static Activation tanh() {
    return new Activation("Tanh", Tensor::tanh);
  }

  /** {@code 1 / (1 + exp(-x))}. */
  public static Activation sigmoid() {
    return new Activation("Sigmoid", Tensor::sigmoid);
  }

  /** {@code log(1 + exp(x))}. */
  public static Activation softplus() {
    return new Activation("Softplus", Tensor::softplus);
  }

  /** {@code x} for x > 0, else {@code alpha * (exp(x) - 1)}. */
  public static Activation elu(double alpha) {
    return new Activation("ELU(" + alpha + ")", x -> elu(x, alpha));
  }

  /** The identity. */
  public static Activation identity() {
    return new Activation("Identity", x -> x);
  }

  /** LeakyReLU as a function. */
  public static Tensor leakyRelu(Tensor x, double slope) {
    Tensor zero = x.factory().scalar(0.0, x.dtype());
    return x.gt(zero).where(x, x.mul(slope));
  }

  /**
   * ELU as a function. The negative branch is evaluated at {@code min(x, 0)}, so large positive inputs
   * never overflow {@code exp} and never send NaN through the unselected branch's gradient.
   */
  public static Tensor elu(Tensor x, double alpha) {
    Tensor zero = x.factory().scalar(0.0, x.dtype());
    return x.gt(zero).where(x, x.minimum(zero).expm1().mul(alpha));
  }

  @Override
  public Tensor forward(Tensor x) {
    return fn.apply(x);
  }

  /** No parameters. */
  @Override
  public Map<String, Tensor> namedParameters() {
    return Map.of();
  }

  @Override
  public String toString() {
    return name;
  }
}
