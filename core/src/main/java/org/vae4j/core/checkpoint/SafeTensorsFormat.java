package org.vae4j.core.checkpoint;

import org.vae4j.api.DType;

/**
 * Constants of the safetensors layout (https://github.com/huggingface/safetensors): an 8-byte
 * little-endian header length N, N bytes of UTF-8 JSON, then the tensors' little-endian bytes, packed
 * without holes in the order of their {@code data_offsets}.
 */
final class SafeTensorsFormat {
  /** The header key holding string-to-string metadata. */
  static final String METADATA_KEY = "__metadata__";
  /** The largest header accepted, as in the reference implementation. */
  static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
  /**
   * Prefix of the metadata entries vae4j writes for each tensor: {@code vae4j.crc32c.<tensor name>} holds the
   * CRC32C of the tensor's bytes as 8 lower-case hex digits. Other readers ignore them; vae4j's reader verifies
   * them (safetensors itself has no checksum, so a flipped bit would otherwise go unnoticed).
   */
  static final String CHECKSUM_PREFIX = "vae4j.crc32c.";
  /** The metadata key vae4j writes into every checkpoint; its presence marks a file written by vae4j. */
  static final String VERSION_KEY = "vae4j.version";

  private SafeTensorsFormat() {
  }

  /** The checksum's metadata value: 8 lower-case hex digits. */
  static String formatChecksum(int crc) {
    return String.format("%08x", crc);
  }

  /** The safetensors spelling of {@code dtype}. */
  static String code(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> "F32";
      case FLOAT64 -> "F64";
      case INT32 -> "I32";
    };
  }

  /** The dtype of a safetensors spelling, or null for one vae4j does not read. */
  static DType dtype(String code) {
    return switch (code) {
      case "F32" -> DType.FLOAT32;
      case "F64" -> DType.FLOAT64;
      case "I32" -> DType.INT32;
      default -> null;
    };
  }
}
