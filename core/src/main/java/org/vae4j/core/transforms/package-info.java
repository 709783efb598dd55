/**
 * Bijectors (invertible, differentiable maps with a tractable log-determinant) for
 * {@link org.vae4j.core.distributions.TransformedDistribution} and normalizing flows: elementwise ones
 * ({@link org.vae4j.core.transforms.Bijectors#exp()}, affine, sigmoid, tanh, softplus), composition and
 * inversion, permutations, and flows: {@link org.vae4j.core.transforms.Planar} and
 * {@link org.vae4j.core.transforms.Radial} (Rezende and Mohamed 2015), MADE-based
 * {@link org.vae4j.core.transforms.AffineAutoregressive} (inverse autoregressive flow, Kingma et al. 2016;
 * its inverse is the masked autoregressive flow, Papamakarios et al. 2017) and RealNVP's
 * {@link org.vae4j.core.transforms.AffineCoupling} (Dinh et al. 2017).
 *
 * <p>Conventions follow torch.distributions.transforms: {@code logAbsDetJacobian(x, y)} has x's shape
 * without the bijector's {@code eventDims()} trailing axes. Bijectors hold their parameter tensors (which
 * may come from a network, so a flow can be conditioned on an encoder's output); they are immutable, and
 * compute on the thread that calls them.
 */
package org.vae4j.core.transforms;
