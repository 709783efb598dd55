/**
 * Ring all-reduce over TCP between the tasks of one Spark barrier stage: authenticated by a per-job token,
 * every read bounded by a timeout, bit-identical results on every member.
 */
package org.vae4j.spark.ring;
