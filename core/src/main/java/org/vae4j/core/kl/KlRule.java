package org.vae4j.core.kl;

import org.vae4j.api.Distribution;
import org.vae4j.api.Tensor;

/**
 * An analytic KL divergence {@code KL(p || q)} for one pair of families.
 *
 * @param <P> the family of p
 * @param <Q> the family of q
 */
@FunctionalInterface
public interface KlRule<P extends Distribution, Q extends Distribution> {

  /** {@code KL(p || q)}, of the broadcast of both batch shapes; differentiable in both. */
  Tensor kl(P p, Q q);
}
