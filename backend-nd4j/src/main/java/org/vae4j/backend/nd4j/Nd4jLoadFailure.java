package org.vae4j.backend.nd4j;

import java.util.Locale;

/** Turns whatever ND4J threw while loading into an error that says what to add. Uses no ND4J class. */
final class Nd4jLoadFailure {

  static final String ND4J_VERSION = "1.0.0-M2.1";

  private Nd4jLoadFailure() {
  }

  /** An {@link IllegalStateException} naming the cause and the artifacts that fix it. */
  static IllegalStateException explain(Throwable cause) {
    String platform = platform();
    String message = "nd4j backend: ND4J could not start (" + rootMessage(cause) + "). "
        + "Put ND4J's native build for this platform on the class path: org.nd4j:nd4j-native:" + ND4J_VERSION
        + " together with org.nd4j:nd4j-native:" + ND4J_VERSION + " classifier " + platform
        + " (the CPU build, which brings OpenBLAS and JavaCPP for " + platform + "), or for an NVIDIA GPU "
        + "org.nd4j:nd4j-cuda-11.6:" + ND4J_VERSION + " with classifier " + platform + " instead; "
        + "or select another backend with -Dvae4j.backend=pure.";
    return new IllegalStateException(message, cause);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    return root == t ? text : t.getClass().getSimpleName() + " caused by " + text;
  }

  /** JavaCPP's platform name for this JVM, such as {@code linux-x86_64}. */
  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macosx" : "linux";
    String archName = switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "arm64";
      case "ppc64le" -> "ppc64le";
      default -> arch;
    };
    return osName + "-" + archName;
  }
}
