package org.vae4j.spark.train;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.vae4j.api.Module;
import org.vae4j.api.Tensor;

/** A 64-bit digest (SHA-256, truncated) of a module's parameters and buffers, names and float bits. */
final class ParameterChecksum {
  private ParameterChecksum() {
  }

  static long of(Module module) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      digest(d, module.namedParameters());
      digest(d, module.namedBuffers());
      return ByteBuffer.wrap(d.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  private static void digest(MessageDigest d, Map<String, Tensor> tensors) {
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      d.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      float[] v = e.getValue().toFloatArray();
      ByteBuffer b = ByteBuffer.allocate(4 * v.length);
      b.asFloatBuffer().put(v);
      d.update(b.array());
    }
  }
}
