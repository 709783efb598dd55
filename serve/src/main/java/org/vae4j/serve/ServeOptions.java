package org.vae4j.serve;

/**
 * How a {@link ServeServer} listens and what it accepts. Every limit here is enforced by the server and
 * stated in its {@code /openapi.json}. Build with {@link #defaults()} and the {@code with...} methods.
 *
 * @param host            address to listen on; loopback by default
 * @param port            TCP port; 0 picks a free one
 * @param token           the bearer token every route but {@code /health} and the page's files needs, or
 *                        null for none
 * @param corsOrigin      the one other origin (e.g. {@code https://example.org}) whose pages may call the
 *                        API, or null to refuse every cross-origin request
 * @param workers         threads running the model
 * @param queueCapacity   requests that may wait for a worker before the server answers 503
 * @param maxBatchRows    most rows of one merged batch (1: no batching)
 * @param maxBodyBytes    largest request body
 * @param maxImages       most images (or latent codes) in one request
 * @param maxSamples      largest {@code n} of {@code /sample}
 * @param maxSteps        largest {@code steps} of {@code /interpolate}
 * @param maxK            largest {@code k} (importance samples) of {@code /score}
 * @param maxDraws        largest {@code samples} (weight draws) of {@code /predict}
 * @param timeoutMillis   how long a request may wait for and run on the model before it gets 503
 * @param idleTimeoutMillis how long a connection may stay silent (slow clients) before it is closed
 */
public record ServeOptions(String host, int port, String token, String corsOrigin, int workers, int queueCapacity,
    int maxBatchRows, int maxBodyBytes, int maxImages, int maxSamples, int maxSteps, int maxK, int maxDraws,
    long timeoutMillis, long idleTimeoutMillis) {

  /** The loopback address the server listens on unless told otherwise. */
  public static final String LOOPBACK = "127.0.0.1";

  public ServeOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must be an address such as 127.0.0.1, got '" + host + "'");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException("the token is empty; put a secret of at least 16 characters in the file");
    }
    int[] positive = {workers, queueCapacity, maxBatchRows, maxBodyBytes, maxImages, maxSamples, maxSteps, maxK,
        maxDraws};
    for (int v : positive) {
      if (v < 1) {
        throw new IllegalArgumentException("every worker count, queue size and request limit must be >= 1, got " + v);
      }
    }
    if (maxSteps < 2) {
      throw new IllegalArgumentException("maxSteps must be >= 2 (both ends of a path), got " + maxSteps);
    }
    if (timeoutMillis < 1 || idleTimeoutMillis < 1) {
      throw new IllegalArgumentException("timeouts must be >= 1 ms, got " + timeoutMillis + " and "
          + idleTimeoutMillis);
    }
  }

  /**
   * Loopback, a free port, no token, no other origin; 2 workers, 64 waiting requests, batches of up to 256
   * rows; bodies up to 4 MiB, 256 images a request, n up to 256, 64 steps, k up to 1000, 100 weight draws;
   * 30 s per request, connections idle for 30 s closed.
   */
  public static ServeOptions defaults() {
    return new ServeOptions(LOOPBACK, 0, null, null, 2, 64, 256, 4 << 20, 256, 256, 64, 1000, 100, 30_000, 30_000);
  }

  /** With another address and port. */
  public ServeOptions withAddress(String newHost, int newPort) {
    return new ServeOptions(newHost, newPort, token, corsOrigin, workers, queueCapacity, maxBatchRows,
        maxBodyBytes, maxImages, maxSamples, maxSteps, maxK, maxDraws, timeoutMillis, idleTimeoutMillis);
  }

  /** With a bearer token (null for none). */
  public ServeOptions withToken(String newToken) {
    return new ServeOptions(host, port, newToken, corsOrigin, workers, queueCapacity, maxBatchRows, maxBodyBytes,
        maxImages, maxSamples, maxSteps, maxK, maxDraws, timeoutMillis, idleTimeoutMillis);
  }

  /** With one allowed cross-origin (null for none). */
  public ServeOptions withCorsOrigin(String origin) {
    return new ServeOptions(host, port, token, origin, workers, queueCapacity, maxBatchRows, maxBodyBytes,
        maxImages, maxSamples, maxSteps, maxK, maxDraws, timeoutMillis, idleTimeoutMillis);
  }

  /** With other worker, queue and batch sizes. */
  public ServeOptions withWorkers(int newWorkers, int newQueueCapacity, int newMaxBatchRows) {
    return new ServeOptions(host, port, token, corsOrigin, newWorkers, newQueueCapacity, newMaxBatchRows,
        maxBodyBytes, maxImages, maxSamples, maxSteps, maxK, maxDraws, timeoutMillis, idleTimeoutMillis);
  }

  /** With other request limits. */
  public ServeOptions withLimits(int newMaxBodyBytes, int newMaxImages, int newMaxSamples, int newMaxSteps,
      int newMaxK, int newMaxDraws) {
    return new ServeOptions(host, port, token, corsOrigin, workers, queueCapacity, maxBatchRows, newMaxBodyBytes,
        newMaxImages, newMaxSamples, newMaxSteps, newMaxK, newMaxDraws, timeoutMillis, idleTimeoutMillis);
  }

  /** With another request timeout. */
  public ServeOptions withTimeoutMillis(long millis) {
    return new ServeOptions(host, port, token, corsOrigin, workers, queueCapacity, maxBatchRows, maxBodyBytes,
        maxImages, maxSamples, maxSteps, maxK, maxDraws, millis, idleTimeoutMillis);
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "ServeOptions[host=" + host + ", port=" + port + ", token=" + (token == null ? "none" : "set")
        + ", corsOrigin=" + corsOrigin + ", workers=" + workers + ", queue=" + queueCapacity + ", maxBatchRows="
        + maxBatchRows + ", maxBodyBytes=" + maxBodyBytes + ", maxImages=" + maxImages + ", maxSamples="
        + maxSamples + ", maxSteps=" + maxSteps + ", maxK=" + maxK + ", maxDraws=" + maxDraws + ", timeoutMillis="
        + timeoutMillis + "]";
  }
}
