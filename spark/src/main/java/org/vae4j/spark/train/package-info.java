/**
 * Synchronous data-parallel training: a barrier stage of K workers, shards by a Philox shuffle per epoch,
 * example-keyed noise, gradients summed over the ring, rank-0 checkpoints and resume after a rerun.
 */
package org.vae4j.spark.train;
