/**
 * What a vae4j user programs against: {@link org.vae4j.api.Tensor}, {@link org.vae4j.api.Shape},
 * {@link org.vae4j.api.DType}, {@link org.vae4j.api.Device}, {@link org.vae4j.api.Distribution},
 * {@link org.vae4j.api.Module} and {@link org.vae4j.api.LatentVariableModel}.
 *
 * <p>This package depends on the JDK alone. Implementations live in {@code vae4j-core}; compute comes
 * from a backend found at run time through {@link org.vae4j.api.spi.BackendProvider}.
 */
package org.vae4j.api;
