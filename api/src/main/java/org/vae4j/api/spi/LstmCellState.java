package org.vae4j.api.spi;

/**
 * What {@link Kernels#lstmCell} returns: the new hidden and cell states, both {@code (N, H)}, two new buffers
 * owned by the caller.
 *
 * @param h the hidden state h'
 * @param c the cell state c'
 */
public record LstmCellState(Buffer h, Buffer c) {
}
