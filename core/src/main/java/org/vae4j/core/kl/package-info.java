/**
 * KL divergences between distributions: {@link org.vae4j.core.kl.KlRegistry} holds analytic rules keyed by
 * the pair of families (most specific wins, users may add rules) and the explicit Monte Carlo estimate. The
 * built-in rules are every one torch.distributions.kl registers between vae4j's families, {@code +inf} where
 * the supports differ.
 */
package org.vae4j.core.kl;
