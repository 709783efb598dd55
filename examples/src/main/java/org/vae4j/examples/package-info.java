/**
 * The {@code vae4j} command line and what it needs besides models: data sets ({@code data}), pictures
 * ({@code pictures}), run folders, metrics and progress ({@code run}), atomic file writes ({@code io}) and the
 * picocli commands ({@code cli}).
 */
package org.vae4j.examples;
