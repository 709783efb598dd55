/** Estimates computed on trained models, such as the importance-sampled test log-likelihood. */
package org.vae4j.examples.eval;
