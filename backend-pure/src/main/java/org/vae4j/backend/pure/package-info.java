/**
 * The pure-Java backend: every {@link org.vae4j.api.spi.Kernels} op on plain Java arrays, multithreaded on
 * large problems, with the JDK's Vector API ({@code jdk.incubator.vector}) on the matrix-product hot loop
 * when that module is present and a scalar, cache-blocked fallback otherwise. It is the reference that the
 * other backends are compared with.
 *
 * <p>Buffers ({@link org.vae4j.backend.pure.PureBuffer}) hold one row-major contiguous array each and
 * never share it, so closing one never affects another.
 *
 * <p><b>Where each op is.</b> Every backend names its classes by one scheme: {@code <Backend>Kernels}
 * implements {@link org.vae4j.api.spi.Kernels} and hands each op family to {@code <Backend><Family>}:
 * {@code Host} (transfer to and from host arrays), {@code Elementwise} (unary, binary, where),
 * {@code Reductions} (reduce, argReduce), {@code Movement} (reshape, permute, expand, slice, pad, concat,
 * cast), {@code Indexing} (gather, scatterAdd), {@code Linalg} (matmul, conv2d and its gradients),
 * {@code Fused} (the kernels of {@link org.vae4j.api.spi.Capability}) and {@code SpecialFunctions} (what the
 * engine lacks or computes inaccurately). Other classes are helpers of these.
 * Here {@code PureKernels} copies host arrays itself (with {@code TypedArrays}), so there is no
 * {@code PureHost}; {@code VectorLoops} holds the FLOAT32 loops on the Vector API, which {@code VectorWarmUp}
 * runs once when the backend starts, so that the JIT compiles them with their intrinsics in every run.
 */
package org.vae4j.backend.pure;
