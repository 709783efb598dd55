/**
 * Probability distributions over tensors, implementing {@link org.vae4j.api.Distribution} with tensor ops
 * only, so every backend gets them: Normal, Independent (and the {@link
 * org.vae4j.core.distributions.DiagonalNormal} factory), Bernoulli, ContinuousBernoulli, Categorical,
 * OneHotCategorical, RelaxedOneHotCategorical, Laplace, LogNormal, Uniform, Delta, MixtureSameFamily, Beta,
 * Gamma, Dirichlet, Exponential, StudentT, MultivariateNormal, Poisson, Binomial, and
 * {@link org.vae4j.core.distributions.TransformedDistribution} for any base pushed through
 * {@link org.vae4j.core.transforms.Bijector}s.
 *
 * <p>Samples draw their noise from a {@link org.vae4j.api.RandomStream} on the host, so a seed gives the same
 * draws on every backend; the gamma family's rejection samplers run there too, and their reparameterized
 * draws carry implicit gradients computed on the host. Arguments are checked unless
 * {@link org.vae4j.core.distributions.Validation} is switched off.
 */
package org.vae4j.core.distributions;
