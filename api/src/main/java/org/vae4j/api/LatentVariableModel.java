package org.vae4j.api;

/**
 * A model p(x, z) = p(z) p(x|z) with an amortized approximate posterior q(z|x): what the ELBO, IWAE and
 * log-likelihood estimators of {@code vae4j-core} are written against.
 *
 * <p>Shapes, for a batch of N inputs with latent event shape E and data event shape D:
 * {@link #encode} takes {@code (N) ++ D} and returns q with batch {@code (N)} and event E;
 * {@link #decode} takes {@code S ++ (N) ++ E} for any sample axes S and returns p with batch
 * {@code S ++ (N)} and event D; {@link #prior()} has an empty batch and event E, so its log-density
 * broadcasts over any leading axes.
 */
public interface LatentVariableModel extends Module {

  /** The prior p(z). */
  Distribution prior();

  /** The approximate posterior q(z|x). */
  Distribution encode(Tensor x);

  /** The likelihood p(x|z). */
  Distribution decode(Tensor z);
}
