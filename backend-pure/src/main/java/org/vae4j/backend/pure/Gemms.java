package org.vae4j.backend.pure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link Gemm} for each product (and, through {@link #vectorEnabled()}, whether the
 * {@link VectorLoops} run): the Vector API kernel when the JVM has
 * {@code jdk.incubator.vector} and the system property {@value #PROPERTY} is not {@code false}, else the
 * scalar one. The property is read on every call, so one JVM can measure both. When the module is
 * absent, one warning says how to enable it. Thread-safe.
 */
final class Gemms {
  /** System property that, set to {@code false}, forces the scalar kernels. */
  static final String PROPERTY = "vae4j.pure.vector";

  private static final Logger LOG = LoggerFactory.getLogger(Gemms.class);
  private static final Gemm SCALAR = new ScalarGemm();
  private static final Gemm VECTOR = loadVector();

  private Gemms() {
  }

  private static Gemm loadVector() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      LOG.warn("pure backend: the JDK Vector API is not enabled, so matmul and conv2d run on scalar loops "
          + "(several times slower); start java with --add-modules jdk.incubator.vector to enable it");
      return null;
    }
    try {
      return (Gemm) Class.forName("org.vae4j.backend.pure.VectorGemm").getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.warn("pure backend: the JDK Vector API is present but its kernel failed to load ({}); matmul and "
          + "conv2d run on scalar loops", e.toString());
      return null;
    }
  }

  static Gemm get() {
    return vectorEnabled() ? VECTOR : SCALAR;
  }

  /** True when the Vector API kernels run: the module is present and {@value #PROPERTY} is not false. */
  static boolean vectorEnabled() {
    return VECTOR != null && !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
  }

  /** A few words for {@code vae4j backends}. */
  static String describe() {
    return get() == VECTOR ? "Vector API, " + vectorBits() + "-bit vectors" : "scalar Java loops";
  }

  private static String vectorBits() {
    try {
      Class<?> species = Class.forName("jdk.incubator.vector.VectorShape");
      return String.valueOf(species.getMethod("vectorBitSize").invoke(species.getMethod("preferredShape")
          .invoke(null)));
    } catch (ReflectiveOperationException e) {
      return "?";
    }
  }
}
