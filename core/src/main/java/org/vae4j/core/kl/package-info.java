/**
 * KL divergences between distributions: {@link org.vae4j.core.kl.KlRegistry} holds analytic rules keyed by
 * the pair of families (most specific wins, users may add rules) and the explicit Monte Carlo estimate.
 */
package org.vae4j.core.kl;
