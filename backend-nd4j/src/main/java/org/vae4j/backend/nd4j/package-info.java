/**
 * The ND4J backend: every {@link org.vae4j.api.spi.Kernels} op on ND4J's native libnd4j code, the CPU
 * build from {@code org.nd4j:nd4j-native} (or the CUDA build where a user puts {@code nd4j-cuda} on the
 * class path instead).
 *
 * <p>{@link org.vae4j.backend.nd4j.Nd4jBackendProvider} is what {@link java.util.ServiceLoader} finds; it
 * touches no ND4J class until {@code create()}. Every {@link org.vae4j.backend.nd4j.Nd4jBuffer} owns
 * off-heap memory that its {@code close()} frees at once; nothing here relies on the garbage collector,
 * and no op allocates inside an ND4J workspace.
 */
package org.vae4j.backend.nd4j;
