/** File writing shared by the examples: whole files appear at once or not at all. */
package org.vae4j.examples.io;
