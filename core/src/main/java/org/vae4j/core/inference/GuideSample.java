package org.vae4j.core.inference;

import java.util.Map;
import org.vae4j.api.Tensor;

/**
 * S draws from a {@link Guide}: each latent's values {@code (S) ++ shape}, and {@code log q} of each draw
 * {@code (S)}, differentiable in the guide's parameters.
 *
 * @param values          by latent name
 * @param logQ            {@code (S)}
 * @param reparameterized true when the values themselves carry gradients to the guide's parameters
 *                        (pathwise); false when only {@code logQ} does (score function)
 */
public record GuideSample(Map<String, Tensor> values, Tensor logQ, boolean reparameterized) {
  public GuideSample {
    values = Map.copyOf(values);
  }
}
