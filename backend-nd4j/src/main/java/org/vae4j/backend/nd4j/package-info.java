/**
 * The ND4J backend: every {@link org.vae4j.api.spi.Kernels} op on ND4J's native libnd4j code, the CPU
 * build with oneDNN from {@code org.nd4j:nd4j-native} (classifier {@code linux-x86_64-onednn}; or another
 * build, the CUDA one included, where a user puts it on the class path instead).
 *
 * <p>{@link org.vae4j.backend.nd4j.Nd4jBackendProvider} is what {@link java.util.ServiceLoader} finds; it
 * touches no ND4J class until {@code create()}. Every {@link org.vae4j.backend.nd4j.Nd4jBuffer} owns
 * off-heap memory that its {@code close()} frees at once; nothing here relies on the garbage collector,
 * and no op allocates inside an ND4J workspace.
 *
 * <p><b>Where each op is.</b> Every backend names its classes by one scheme: {@code <Backend>Kernels}
 * implements {@link org.vae4j.api.spi.Kernels} and hands each op family to {@code <Backend><Family>}:
 * {@code Host} (transfer to and from host arrays), {@code Elementwise} (unary, binary, where),
 * {@code Reductions} (reduce, argReduce), {@code Movement} (reshape, permute, expand, slice, pad, concat,
 * cast), {@code Indexing} (gather, scatterAdd), {@code Linalg} (matmul, conv2d and its gradients),
 * {@code Fused} (the kernels of {@link org.vae4j.api.spi.Capability}) and {@code SpecialFunctions} (what the
 * engine lacks or computes inaccurately). Other classes are helpers of these; {@code HostLoops} holds the
 * kernels that run faster as Java loops over host memory on the CPU (Adam, FLOAT32 sums over any axes, sums
 * of squares, the sigmoid's tail check) and {@code HostIndexing} gather and scatterAdd; {@code OneDnn} says
 * whether the loaded libnd4j has oneDNN (the convolution gradients depend on it); {@code IntraOpThreads} runs
 * the memory-bound kernels with one libnd4j thread ({@code -Dvae4j.nd4j.teamForAllOps=true} turns that off).
 */
package org.vae4j.backend.nd4j;
