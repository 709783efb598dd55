/** The {@code vae4j spark} command line: {@code train} and {@code score}. */
package org.vae4j.spark.cli;
