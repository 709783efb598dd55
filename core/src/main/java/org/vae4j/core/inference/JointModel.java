package org.vae4j.core.inference;

import java.util.List;
import java.util.Map;
import org.vae4j.api.Tensor;

/**
 * A probabilistic model written by its user as the log joint density {@code log p(data, z)} of the observed
 * data (held by the model) and named latent variables z. {@link Svi} fits a {@link Guide} to its posterior.
 *
 * <p>Shapes: {@link #logJoint} receives, for each latent, the values of S draws at once, of shape
 * {@code (S) ++ latent.shape()}, and returns {@code (S)}: compute with broadcasting over the leading axis.
 * The result must be differentiable in the values (reparameterized gradients flow through it). Data tensors
 * should be on the backend and dtype of the guide's parameters.
 */
public interface JointModel {

  /** The latent variables, in a fixed order. */
  List<Latent> latents();

  /** {@code log p(data, z)} for each of S draws, {@code (S)}. */
  Tensor logJoint(Map<String, Tensor> z);
}
