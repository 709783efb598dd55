package org.vae4j.serve.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Who may call the service.
 *
 * <ul>
 *   <li><b>Token.</b> With a token, a request needs {@code Authorization: Bearer <token>}. The SHA-256 digests
 *       of the given and the expected token are compared with {@link MessageDigest#isEqual} (constant time;
 *       hashing first hides the token's length too).</li>
 *   <li><b>Origin.</b> A request that carries an {@code Origin} header other than the server's own (its
 *       {@code Host}) is refused unless it is the one {@code corsOrigin}; only that origin gets CORS headers.
 *       Browsers send {@code Origin} on every cross-origin call, so a page elsewhere can neither read answers
 *       nor make the model compute.</li>
 *   <li><b>Host.</b> On a loopback address the {@code Host} header must name a loopback host, so that a page
 *       whose domain was re-pointed at 127.0.0.1 (DNS rebinding) is not taken for the server itself.</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class AccessPolicy {
  private final byte[] tokenDigest;
  private final String corsOrigin;
  private final boolean loopbackOnly;

  AccessPolicy(String token, String corsOrigin, String bindHost) {
    this.tokenDigest = token == null ? null : sha256(token);
    this.corsOrigin = corsOrigin == null ? null : normalise(corsOrigin);
    this.loopbackOnly = isLoopback(bindHost);
  }

  /** True when a token is required. */
  boolean hasToken() {
    return tokenDigest != null;
  }

  /** True when {@code authorization} (the header, or null) carries the token. */
  boolean authorized(String authorization) {
    if (tokenDigest == null) {
      return true;
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(7).strip()));
  }

  /** True when the request's {@code Host} header (or null) may reach this server. */
  boolean hostAllowed(String hostHeader) {
    if (!loopbackOnly) {
      return true;
    }
    if (hostHeader == null) {
      return false;
    }
    String host = hostHeader.toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      host = host.substring(1, Math.max(1, host.indexOf(']')));
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    return host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
  }

  /** The verdict on a request's {@code Origin} header (null: none) given its {@code Host} header. */
  OriginVerdict origin(String origin, String hostHeader) {
    if (origin == null) {
      return OriginVerdict.SAME;
    }
    String o = normalise(origin);
    if (hostHeader != null && (o.equals("http://" + hostHeader.toLowerCase(Locale.ROOT))
        || o.equals("https://" + hostHeader.toLowerCase(Locale.ROOT)))) {
      return OriginVerdict.SAME;
    }
    return o.equals(corsOrigin) ? OriginVerdict.ALLOWED : OriginVerdict.REFUSED;
  }

  /** The allowed cross-origin, or null. */
  String corsOrigin() {
    return corsOrigin;
  }

  /** What to do with a request's origin. */
  enum OriginVerdict { SAME, ALLOWED, REFUSED }

  /** True when {@code host} is a loopback address or name. */
  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String normalise(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    while (o.endsWith("/")) {
      o = o.substring(0, o.length() - 1);
    }
    return o;
  }

  /** Checks that {@code origin} is {@code scheme://host[:port]}. */
  static void checkOrigin(String origin) {
    URI u;
    try {
      u = new URI(origin);
    } catch (java.net.URISyntaxException e) {
      u = null;
    }
    if (u == null || u.getScheme() == null || u.getHost() == null || (u.getPath() != null && !u.getPath().isEmpty()
        && !u.getPath().equals("/"))) {
      throw new IllegalArgumentException("--cors-origin " + origin + " is not an origin; give scheme://host[:port],"
          + " e.g. https://example.org");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
