/**
 * Interop with PyTorch for the command line: {@code vae4j export --format torch} and
 * {@code vae4j train --init-from} ({@link org.vae4j.examples.interop.TorchInterop}), on core's
 * {@link org.vae4j.core.checkpoint.StateDictNames} and the models' {@link org.vae4j.models.TorchNames}.
 */
package org.vae4j.examples.interop;
