/**
 * {@code vae4j bench}: timing one model's training steps on every backend in one process
 * ({@link org.vae4j.examples.bench.BenchRunner}), the same VAE written directly on DJL's own API as the
 * reference ({@link org.vae4j.examples.bench.DjlReferenceVae}), and the memory figures of a row.
 */
package org.vae4j.examples.bench;
