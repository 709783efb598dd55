/**
 * The pure-Java backend: every {@link org.vae4j.api.spi.Kernels} op on plain Java arrays, multithreaded on
 * large problems, with the JDK's Vector API ({@code jdk.incubator.vector}) on the matrix-product hot loop
 * when that module is present and a scalar, cache-blocked fallback otherwise. It is the reference that the
 * other backends are compared with.
 *
 * <p>Buffers ({@link org.vae4j.backend.pure.PureBuffer}) hold one row-major contiguous array each and
 * never share it, so closing one never affects another.
 */
package org.vae4j.backend.pure;
