/**
 * Image data on the host, for training and evaluating models without the command line: the IDX files of
 * MNIST and Fashion-MNIST, gzip or not ({@link org.vae4j.core.data.IdxReader}, {@link
 * org.vae4j.core.data.MnistLayout}), images in memory as float arrays with shuffled batches from a seeded
 * stream, binarisation and a train/test split ({@link org.vae4j.core.data.ImageDataset}, {@link
 * org.vae4j.core.data.TrainTest}).
 *
 * <p>Everything here works on plain Java arrays; the caller makes tensors from a batch inside its step's
 * {@link org.vae4j.core.Scope}. Every failure to read data is a {@link org.vae4j.core.data.DatasetException}
 * with a one-line message naming the file, the value found and the fix.
 */
package org.vae4j.core.data;
