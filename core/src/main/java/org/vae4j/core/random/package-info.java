/**
 * Random numbers that do not depend on the backend: {@link org.vae4j.core.random.PhiloxStream}, a
 * counter-based, seedable, splittable stream, and {@link org.vae4j.core.random.RandomTensors}, which makes
 * uniform, normal, Gumbel, Bernoulli and categorical tensors from it.
 */
package org.vae4j.core.random;
