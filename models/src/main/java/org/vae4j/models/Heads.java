package org.vae4j.models;

import org.vae4j.api.Distribution;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.distributions.DiagonalNormal;
import org.vae4j.core.nn.Layer;

/** The glue between networks and distributions that every VAE here shares. */
final class Heads {
  private Heads() {
  }

  /**
   * q(z|x) from an encoder output {@code (N, 2L)}: the first L features are the mean, the last L the
   * log-variance (pytorch/examples' {@code mu} and {@code logvar}).
   */
  static Distribution gaussianPosterior(Tensor encoded, int latentDim) {
    if (encoded.rank() != 2 || encoded.dim(1) != 2 * latentDim) {
      throw new IllegalArgumentException("encoder output " + encoded.shape() + " must be (N, " + 2 * latentDim
          + "): the mean and the log-variance of " + latentDim + " latent dimensions");
    }
    return DiagonalNormal.fromLogVariance(encoded.slice(1, 0, latentDim),
        encoded.slice(1, latentDim, 2 * latentDim));
  }

  /**
   * p(x|z) for decoder inputs {@code S ++ (N, F)}: the leading axes are merged into one batch axis for the
   * network (which sees {@code (B, F)}) and restored on its output.
   */
  static Distribution decode(Layer decoder, Tensor input, Likelihood likelihood, Shape dataShape) {
    Shape lead = input.shape().dropLast(1);
    Tensor flat = input.reshape(-1, input.dim(-1));
    Tensor out = decoder.forward(flat);
    Shape expected = likelihood.outputShape(dataShape);
    if (out.rank() < 1 || !out.shape().sub(1, out.rank()).equals(expected)) {
      throw new IllegalArgumentException("decoder maps " + flat.shape() + " to " + out.shape() + "; expected (B) ++ "
          + expected + " for data shape " + dataShape + " and likelihood " + likelihood);
    }
    return likelihood.distribution(out.reshape(lead.append(expected)), dataShape);
  }

  /** {@link #decode} of latents {@code S ++ (N, latentDim)}, checked; {@code op} names the caller in errors. */
  static Distribution decodeLatents(String op, Layer decoder, Tensor z, int latentDim, Likelihood likelihood,
      Shape dataShape) {
    if (z.rank() < 2 || z.dim(-1) != latentDim) {
      throw new IllegalArgumentException(op + ": z " + z.shape() + " must be S ++ (N, " + latentDim + ")");
    }
    return decode(decoder, z, likelihood, dataShape);
  }

  /** Checks {@code x} is {@code (N) ++ dataShape}. */
  static void checkData(String op, Tensor x, Shape dataShape) {
    if (x.rank() != dataShape.rank() + 1 || !x.shape().endsWith(dataShape)) {
      throw new IllegalArgumentException(op + ": input " + x.shape() + " must be (N) ++ " + dataShape);
    }
  }
}
