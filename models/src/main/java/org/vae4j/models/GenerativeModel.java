package org.vae4j.models;

import org.vae4j.api.RandomStream;
import org.vae4j.api.Tensor;

/**
 * What a person does with a trained generative model: draw samples, reconstruct inputs, look at latent
 * codes and walk between them. Inputs have shape {@code (N) ++ D} for the model's data shape D; results are
 * made without recording gradients, in the caller's scope.
 */
public interface GenerativeModel {

  /** {@code n} samples, decoded means of latent draws: {@code (n) ++ D}. */
  Tensor sample(int n, RandomStream rng);

  /** Decoded means of the latent means of {@code x}: {@code (N) ++ D}. */
  Tensor reconstruct(Tensor x);

  /** Latent means (for a VAE, of q(z|x)): {@code (N, latentDim)}. */
  Tensor encodeMean(Tensor x);

  /**
   * Decoded means along the straight line between the latent means of {@code x1} and {@code x2} (each of
   * shape D, one example): {@code (steps) ++ D}, the first at x1's code and the last at x2's.
   */
  Tensor interpolate(Tensor x1, Tensor x2, int steps);
}
