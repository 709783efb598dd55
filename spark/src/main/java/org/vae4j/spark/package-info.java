/** vae4j on Apache Spark. */
package org.vae4j.spark;
