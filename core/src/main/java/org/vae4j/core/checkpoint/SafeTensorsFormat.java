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

  private SafeTensorsFormat() {
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
