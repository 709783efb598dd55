/** Noise keyed by row, so results do not depend on batching or partitioning. */
package org.vae4j.spark.random;
