/**
 * The names a user gives to {@code --data} ({@link org.vae4j.examples.data.Datasets}): the MNIST subset
 * embedded in this jar, Debian's Fashion-MNIST, or a folder. Reading and batching the images is core's data
 * API ({@link org.vae4j.core.data}).
 */
package org.vae4j.examples.data;
