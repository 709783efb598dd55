/**
 * The vae4j backend on PyTorch's libtorch through DJL's PyTorch engine, on the CPU or on CUDA devices.
 *
 * <p>{@link org.vae4j.backend.djl.DjlBackendProvider} is the entry point found by {@link java.util.ServiceLoader};
 * it loads nothing until {@code create()}, which switches DJL to offline mode and loads libtorch from the
 * {@code pytorch-native-*} jar on the class path (extracted once into DJL's cache directory, {@code ~/.djl.ai}).
 * Every kernel runs on libtorch tensors; vae4j's own tape does the differentiation, so libtorch's autograd is
 * never asked to record anything.
 *
 * <p><b>Memory.</b> Each {@link org.vae4j.backend.djl.DjlBuffer} owns one libtorch tensor handle; closing the
 * buffer deletes the handle at once, and libtorch frees the storage when no other handle (a view) shares it.
 * Intermediates made inside a kernel are closed before the kernel returns. No engine type leaves this package.
 *
 * <p><b>Threads.</b> libtorch runs each op on its intra-op thread pool, by default one thread per physical
 * core; DJL's system property {@code ai.djl.pytorch.num_threads} sets another count (1 is much faster on a
 * machine whose cores are already busy, such as a shared CI box).
 *
 * <p><b>Where each op is.</b> Every backend names its classes by one scheme: {@code <Backend>Kernels}
 * implements {@link org.vae4j.api.spi.Kernels} and hands each op family to {@code <Backend><Family>}:
 * {@code Host} (transfer to and from host arrays), {@code Elementwise} (unary, binary, where),
 * {@code Reductions} (reduce, argReduce), {@code Movement} (reshape, permute, expand, slice, pad, concat,
 * cast), {@code Indexing} (gather, scatterAdd), {@code Linalg} (matmul, conv2d and its gradients),
 * {@code Fused} (the kernels of {@link org.vae4j.api.spi.Capability}) and {@code SpecialFunctions} (what the
 * engine lacks or computes inaccurately). Other classes are helpers of these.
 */
package org.vae4j.backend.djl;
