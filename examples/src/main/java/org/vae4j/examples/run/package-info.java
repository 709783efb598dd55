/**
 * What one training run leaves behind and shows while it runs: its output folder ({@link
 * org.vae4j.examples.run.RunDirectory}), per-epoch metrics ({@link org.vae4j.examples.run.MetricsCsv}), the
 * final summary ({@link org.vae4j.examples.run.RunSummary}) and progress for a person ({@link
 * org.vae4j.examples.run.TrainingProgress}).
 */
package org.vae4j.examples.run;
