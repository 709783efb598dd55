/**
 * Running model work off the HTTP threads: a bounded queue, worker threads with one scope per batch, and
 * the merging of concurrent row-wise requests into one batch.
 */
package org.vae4j.serve.exec;
