/**
 * The adapter to the command line's recipes, run folders and data sets (module {@code examples}); the only
 * package of this module that depends on it.
 */
package org.vae4j.spark.bridge;
