/**
 * Random numbers that do not depend on the backend: {@link org.vae4j.core.random.PhiloxStream}, a
 * counter-based, seedable, splittable stream, and {@link org.vae4j.core.random.RandomTensors}, which makes
 * uniform, normal, Gumbel, Bernoulli and categorical tensors from it; host samplers of gamma variates with
 * their implicit reparameterization gradients ({@link org.vae4j.core.random.GammaVariates}) and of Poisson and
 * binomial counts ({@link org.vae4j.core.random.CountVariates}).
 */
package org.vae4j.core.random;
