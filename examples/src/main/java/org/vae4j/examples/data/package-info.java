/**
 * Image data sets for the examples: the IDX file format of MNIST and Fashion-MNIST ({@link
 * org.vae4j.examples.data.IdxReader}), images in memory with batching and binarisation ({@link
 * org.vae4j.examples.data.ImageDataset}), and the names a user gives to {@code --data} ({@link
 * org.vae4j.examples.data.Datasets}).
 *
 * <p>Everything here works on plain Java arrays; tensors are made from them by the caller.
 */
package org.vae4j.examples.data;
