package org.vae4j.core.inference;

import org.vae4j.api.Module;
import org.vae4j.api.RandomStream;

/**
 * A variational family q(z) over a model's latents, with trainable parameters (its {@link Module}
 * parameters, which {@link Svi}'s optimizer updates). The automatic guides are {@link MeanFieldNormalGuide},
 * {@link FullRankNormalGuide} and {@link FlowGuide}; implement this interface for any other family, discrete
 * ones included (trained with score-function gradients).
 */
public interface Guide extends Module {

  /** True when {@link #sample} can give reparameterized (pathwise differentiable) draws. */
  boolean hasRsample();

  /**
   * S draws with their log-densities.
   *
   * @param reparameterized pathwise gradients through the values (only when {@link #hasRsample()}); when
   *                        false the values carry no gradient and {@code logQ} must still be
   *                        differentiable in the parameters
   */
  GuideSample sample(RandomStream rng, int samples, boolean reparameterized);
}
