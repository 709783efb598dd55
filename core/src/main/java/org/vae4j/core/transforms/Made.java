package org.vae4j.core.transforms;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;
import org.vae4j.core.nn.Inits;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.nn.WeightInit;

/**
 * MADE, the masked autoencoder for distribution estimation (Germain et al. 2015): an MLP from D inputs to
 * two outputs per input, {@code shift} and {@code scale} logits, where the outputs of coordinate i depend
 * only on the inputs before i in the autoregressive order. Optionally conditioned on a context vector
 * (the IAF paper's h from the encoder), which enters the first hidden layer unmasked.
 *
 * <p>Degrees: input i (in order) has degree i + 1; hidden unit k of every layer has degree
 * {@code k mod (D - 1) + 1}; a hidden weight is kept where the unit's degree is {@code >=} the input's, an
 * output weight where the output's degree is {@code >} the unit's. The masks are buffers; the forward pass
 * multiplies each weight by its mask, so masked weights get zero gradient. ReLU between layers.
 *
 * <p>Parameters {@code layerNWeight (out, in)}, {@code layerNBias}, {@code context (H1, C)},
 * {@code outputWeight (2D, H)} and {@code outputBias (2D)}, the first D outputs being the shifts; buffers
 * {@code layerNMask} and {@code outputMask}. The output
 * layer starts at small weights (normal, 0.01) and the scale biases at {@code scaleBias}, so a fresh flow
 * starts near a fixed affine map.
 */
public final class Made extends ModuleBase {
  private final int dim;
  private final List<Tensor> weights = new ArrayList<>();
  private final List<Tensor> biases = new ArrayList<>();
  private final List<Tensor> masks = new ArrayList<>();
  private final Tensor contextWeight;
  private final int contextDim;

  /**
   * @param dim        D, the number of coordinates (at least 1)
   * @param hidden     widths of the hidden layers (at least one layer; each at least D - 1 wide so every
   *                   degree appears)
   * @param contextDim length of the context vector, or 0 for none
   * @param scaleBias  the initial bias of the D scale outputs
   */
  public Made(int dim, int[] hidden, int contextDim, double scaleBias, ParameterFactory params) {
    if (dim < 1 || hidden.length == 0 || contextDim < 0) {
      throw new IllegalArgumentException("Made: need dim >= 1, at least one hidden layer and contextDim >= 0, got"
          + " dim " + dim + ", " + hidden.length + " hidden layers, contextDim " + contextDim);
    }
    this.dim = dim;
    this.contextDim = contextDim;
    int[] inDegrees = new int[dim];
    for (int i = 0; i < dim; i++) {
      inDegrees[i] = i + 1;
    }
    int[] previous = inDegrees;
    for (int l = 0; l < hidden.length; l++) {
      if (hidden[l] < Math.max(1, dim - 1)) {
        throw new IllegalArgumentException("Made: hidden layer " + l + " has " + hidden[l] + " units, fewer than the"
            + " D - 1 = " + (dim - 1) + " degrees it must carry");
      }
      int[] degrees = new int[hidden[l]];
      for (int k = 0; k < hidden[l]; k++) {
        degrees[k] = dim == 1 ? 1 : k % (dim - 1) + 1;
      }
      addLayer("layer" + l, degrees, previous, false, Inits.pytorchDefault(), params);
      previous = degrees;
    }
    this.contextWeight = contextDim == 0 ? null
        : registerParameter("context", params.create(Shape.of(hidden[0], contextDim), Inits.pytorchDefault()));
    int[] outDegrees = new int[2 * dim];
    for (int i = 0; i < 2 * dim; i++) {
      outDegrees[i] = inDegrees[i % dim];
    }
    addLayer("output", outDegrees, previous, true, Inits.normal(0.01), params);
    double[] bias = new double[2 * dim];
    for (int i = dim; i < 2 * dim; i++) {
      bias[i] = scaleBias;
    }
    biases.get(biases.size() - 1).assign(params.tensors().of(bias, Shape.of(2 * dim), params.dtype()));
  }

  private void addLayer(String name, int[] outDegrees, int[] inDegrees, boolean strict, WeightInit init,
      ParameterFactory params) {
    int out = outDegrees.length;
    int in = inDegrees.length;
    double[] mask = new double[out * in];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        boolean keep = strict ? outDegrees[o] > inDegrees[i] : outDegrees[o] >= inDegrees[i];
        mask[o * in + i] = keep ? 1 : 0;
      }
    }
    Tensor m = registerBuffer(name + "Mask", params.tensors().of(mask, Shape.of(out, in), params.dtype()));
    Tensor w = params.create(Shape.of(out, in), init);
    w.assign(w.detach().mul(m));
    weights.add(registerParameter(name + "Weight", w));
    biases.add(registerParameter(name + "Bias", params.create(Shape.of(out), Inits.zeros())));
    masks.add(m);
  }

  /** D. */
  public int dim() {
    return dim;
  }

  /** The context length C (0 without context). */
  public int contextDim() {
    return contextDim;
  }

  /**
   * The network's output {@code (..., 2D)} for inputs {@code (..., D)}: shifts, then scale logits.
   *
   * @param context {@code (..., C)} broadcasting with x's leading axes, or null when C is 0
   */
  public Tensor forward(Tensor x, Tensor context) {
    if (x.rank() < 1 || x.dim(-1) != dim) {
      throw new IllegalArgumentException("Made: input " + x.shape() + " must be (..., " + dim + ")");
    }
    if ((context == null) != (contextDim == 0) || (context != null && context.dim(-1) != contextDim)) {
      throw new IllegalArgumentException("Made: expected a context (..., " + contextDim + "), got "
          + (context == null ? "none" : context.shape()));
    }
    Tensor h = x;
    for (int l = 0; l < weights.size(); l++) {
      h = Functions.linear(h, weights.get(l).mul(masks.get(l)), biases.get(l));
      if (l == 0 && context != null) {
        h = h.add(Functions.linear(context, contextWeight, null));
      }
      if (l < weights.size() - 1) {
        h = h.relu();
      }
    }
    return h;
  }
}
