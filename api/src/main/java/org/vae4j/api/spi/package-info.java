/**
 * The backend service-provider interface: what a compute engine implements so that every vae4j model runs
 * on it.
 *
 * <p>Two tiers. A {@link org.vae4j.api.spi.BackendProvider}, registered in
 * {@code META-INF/services/org.vae4j.api.spi.BackendProvider}, is cheap to construct and loads no native
 * code; its {@code create()} makes the {@link org.vae4j.api.spi.Backend}, which may. A backend hands out
 * {@link org.vae4j.api.spi.Kernels} per device: a closed vocabulary of primitive ops on opaque
 * {@link org.vae4j.api.spi.Buffer}s, grouped in the enums {@link org.vae4j.api.spi.UnaryOp},
 * {@link org.vae4j.api.spi.BinaryOp} and {@link org.vae4j.api.spi.ReduceOp}. Everything else (softmax,
 * losses, layers, optimizers, gradients) is composed once in {@code vae4j-core}.
 */
package org.vae4j.api.spi;
