/**
 * The {@code vae4j} command line (picocli): the root command {@link org.vae4j.examples.cli.Vae4jCommand},
 * the option groups that training commands mix in ({@link org.vae4j.examples.cli.CommonOptions},
 * {@link org.vae4j.examples.cli.TrainingOptions}), option value converters, and the error handling that turns
 * every failure into one line {@code vae4j: <message>} and an exit code ({@link
 * org.vae4j.examples.cli.ExitCodes}).
 */
package org.vae4j.examples.cli;
