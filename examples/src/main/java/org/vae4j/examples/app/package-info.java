/**
 * How the {@code vae4j} command is put together, in plain code: {@link org.vae4j.examples.app.CommandContext}
 * holds what every command shares (the model recipes, the data sets),
 * {@link org.vae4j.examples.app.CommandFactory} hands it to the commands whose constructor takes it,
 * {@link org.vae4j.examples.app.TrainingRuns} assembles one training run from its options, and
 * {@link org.vae4j.examples.app.ModelLoader} rebuilds a trained model from its run folder; plus the backend
 * choice and the data preparation they share.
 */
package org.vae4j.examples.app;
