/**
 * vae4j on Apache Spark: sessions that refuse in seconds what would hang (an unreachable master, a barrier
 * stage wider than the cluster), and the one-line reasons of failed tasks.
 */
package org.vae4j.spark;
