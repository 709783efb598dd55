package org.vae4j.core.nn;

import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;

/**
 * A fully connected layer {@code y = x W^T + b}: input {@code (..., in)}, output {@code (..., out)}.
 * Parameters {@code weight (out, in)} and, unless disabled, {@code bias (out)}, as in PyTorch.
 */
public final class Linear extends ModuleBase implements Layer {
  private final Tensor weight;
  private final Tensor bias;

  /** With PyTorch's default initialization: {@link Inits#pytorchDefault()} and its bias rule. */
  public Linear(int in, int out, ParameterFactory params) {
    this(in, out, Inits.pytorchDefault(), Inits.pytorchDefaultBias(Shape.of(out, in)), params);
  }

  /** With a chosen weight initialization and a zero bias. */
  public Linear(int in, int out, WeightInit weightInit, ParameterFactory params) {
    this(in, out, weightInit, Inits.zeros(), params);
  }

  /**
   * With chosen initializations; {@code biasInit == null} makes a layer without bias. The weight is drawn
   * before the bias.
   */
  public Linear(int in, int out, WeightInit weightInit, WeightInit biasInit, ParameterFactory params) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("Linear: in and out features must be >= 1, got " + in + " and " + out);
    }
    this.weight = registerParameter("weight", params.create(Shape.of(out, in), weightInit));
    this.bias = biasInit == null ? null : registerParameter("bias", params.create(Shape.of(out), biasInit));
  }

  /** Input features. */
  public int in() {
    return weight.dim(1);
  }

  /** Output features. */
  public int out() {
    return weight.dim(0);
  }

  /** {@code (out, in)}. */
  public Tensor weight() {
    return weight;
  }

  /** {@code (out)}, or null without bias. */
  public Tensor bias() {
    return bias;
  }

  @Override
  public Tensor forward(Tensor x) {
    return Functions.linear(x, weight, bias);
  }

  @Override
  public String toString() {
    return "Linear(" + in() + ", " + out() + (bias == null ? ", bias=false" : "") + ")";
  }
}
