/**
 * Hand-run measurement harnesses (not tests): training throughput of the 784-400-20 MLP VAE on each backend
 * in one process, and a 10,000-step memory soak. Run them with {@code java -cp ...} as their Javadoc says.
 */
package org.vae4j.examples.perf;
