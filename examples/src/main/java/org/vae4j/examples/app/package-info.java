/**
 * The composition root of the {@code vae4j} command (Guice): {@link org.vae4j.examples.app.CliModule} for
 * what every command shares, {@link org.vae4j.examples.app.ModelsModule} binding the models by name,
 * {@link org.vae4j.examples.app.RunModule} for one training run, {@link org.vae4j.examples.app.GuiceFactory}
 * through which picocli makes the commands, and the backend choice. Guice stays in this module: api, core and
 * models know nothing of it.
 */
package org.vae4j.examples.app;
