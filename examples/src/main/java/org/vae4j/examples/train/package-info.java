/**
 * Training runs of the command line: what a run was asked for ({@link org.vae4j.examples.train.RunSettings},
 * {@link org.vae4j.examples.train.RunConfig}), how each kind of model is built and shown
 * ({@link org.vae4j.examples.train.ModelRecipe}; the pixel models' share
 * {@link org.vae4j.examples.train.PixelModelRecipe} and read their {@code --set} options with
 * {@link org.vae4j.examples.train.ModelOptions}), the bridge from images to core's trainer, and the run itself
 * ({@link org.vae4j.examples.train.TrainingRun}).
 */
package org.vae4j.examples.train;
