/**
 * The training loop: {@link org.vae4j.core.train.Trainer} fits a
 * {@link org.vae4j.core.train.TrainableModel} on a {@link org.vae4j.core.train.Dataset} in
 * {@link org.vae4j.core.train.Batch}es, one memory scope per step, with a seeded shuffle, evaluation on a
 * test set, progress through {@link org.vae4j.core.train.TrainingListener}s, periodic checkpoints and an
 * exact resume from them.
 */
package org.vae4j.core.train;
