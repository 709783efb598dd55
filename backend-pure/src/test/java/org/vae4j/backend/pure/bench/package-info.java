/** Throughput benchmarks of the pure backend, run by hand (never by {@code mvn verify}). */
package org.vae4j.backend.pure.bench;
