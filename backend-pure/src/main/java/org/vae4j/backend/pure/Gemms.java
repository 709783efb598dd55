package org.vae4j.backend.pure;

/** Chooses the {@link Gemm} implementation once per JVM. */
final class Gemms {
  private static final Gemm INSTANCE = new ScalarGemm();

  private Gemms() {
  }

  static Gemm get() {
    return INSTANCE;
  }

  /** A few words for {@code vae4j backends}. */
  static String describe() {
    return "scalar Java loops";
  }
}
