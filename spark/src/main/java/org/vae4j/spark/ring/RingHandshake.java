package org.vae4j.spark.ring;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mutual authentication of two ring neighbours by a job token that only the job's tasks know, without
 * sending it: each side proves knowledge of the token with HMAC-SHA256 over a fresh nonce of the other side.
 *
 * <pre>
 * connector -> listener: MAGIC, rank, nonceC (16 bytes)
 * listener -> connector: nonceS (16 bytes), HMAC(token, "listener" | nonceC)
 * connector -> listener: HMAC(token, "connector" | rank | nonceS)
 * </pre>
 *
 * Stateless; thread-safe.
 */
final class RingHandshake {
  static final int MAGIC = 0x56344A52; // "V4JR"
  private static final int NONCE = 16;
  private static final int MAC = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private RingHandshake() {
  }

  /** The connecting side: proves itself as {@code rank} and checks the listener. */
  static void asConnector(DataInputStream in, DataOutputStream out, byte[] token, int rank) throws IOException {
    byte[] nonceC = nonce();
    out.writeInt(MAGIC);
    out.writeInt(rank);
    out.write(nonceC);
    out.flush();
    byte[] nonceS = in.readNBytes(NONCE);
    byte[] listenerMac = in.readNBytes(MAC);
    if (nonceS.length != NONCE || listenerMac.length != MAC
        || !MessageDigest.isEqual(listenerMac, mac(token, "listener", nonceC))) {
      throw new IOException("the peer did not prove the job token (another job's task, or not a vae4j ring)");
    }
    out.write(mac(token, "connector", ByteBuffer.allocate(4 + NONCE).putInt(rank).put(nonceS).array()));
    out.flush();
  }

  /**
   * The listening side: returns the rank the connector proved, or throws when it is not a member of this
   * job's ring.
   */
  static int asListener(DataInputStream in, DataOutputStream out, byte[] token) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException(String.format("not a vae4j ring connection (magic 0x%08X)", magic));
    }
    int rank = in.readInt();
    byte[] nonceC = in.readNBytes(NONCE);
    byte[] nonceS = nonce();
    out.write(nonceS);
    out.write(mac(token, "listener", nonceC));
    out.flush();
    byte[] connectorMac = in.readNBytes(MAC);
    if (!MessageDigest.isEqual(connectorMac,
        mac(token, "connector", ByteBuffer.allocate(4 + NONCE).putInt(rank).put(nonceS).array()))) {
      throw new IOException("the connection claiming rank " + rank + " did not prove the job token");
    }
    return rank;
  }

  /** A fresh random job token. */
  static byte[] newToken() {
    byte[] t = new byte[32];
    RANDOM.nextBytes(t);
    return t;
  }

  private static byte[] nonce() {
    byte[] n = new byte[NONCE];
    RANDOM.nextBytes(n);
    return n;
  }

  private static byte[] mac(byte[] token, String role, byte[] data) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(token, "HmacSHA256"));
      m.update(role.getBytes(StandardCharsets.US_ASCII));
      return m.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
