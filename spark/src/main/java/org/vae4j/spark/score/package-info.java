/**
 * Distributed scoring: a run's model broadcast as safetensors bytes, built once per executor JVM, scoring
 * partitions in batches with noise keyed by row id; the Spark SQL function.
 */
package org.vae4j.spark.score;
