package org.vae4j.api.spi;

/**
 * Optional features of a backend. Tests skip by capability, never by backend name; {@code core} uses an
 * optional kernel when its capability is present and its own composition of primitives otherwise.
 */
public enum Capability {
  /** FLOAT64 arithmetic (all three backends today; some accelerators lack it). */
  FLOAT64,
  /** At least one device of type GPU. */
  GPU
}
