/**
 * The engine-free heart of vae4j: backend discovery ({@link org.vae4j.core.Backends}), tensor factories
 * ({@link org.vae4j.core.Tensors}), memory scopes ({@link org.vae4j.core.Scope}) and composite functions
 * ({@link org.vae4j.core.Functions}). Subpackages hold autodiff, random streams, distributions, estimators,
 * layers, optimizers, checkpoints and the training loop.
 */
package org.vae4j.core;
