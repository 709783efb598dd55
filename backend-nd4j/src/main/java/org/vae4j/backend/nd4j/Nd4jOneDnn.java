package org.vae4j.backend.nd4j;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Whether the loaded libnd4j was built with oneDNN (nd4j-native's {@code linux-x86_64-onednn} classifier,
 * the one this module depends on), so that its {@code conv2d}, {@code conv2d_bp}, {@code deconv2d} and
 * {@code matmul} on float32 run oneDNN's kernels instead of libnd4j's own loops. A user who puts another
 * nd4j-native classifier on the class path (plain {@code linux-x86_64}, {@code -avx2}, a CUDA build) gets
 * false and the im2col + gemm convolution gradients. Thread-safe.
 */
final class Nd4jOneDnn {
  /** System property: false uses the im2col + gemm convolution gradients even with oneDNN (read at each call). */
  static final String CONVOLUTIONS = "vae4j.nd4j.onednn";

  /** Ops running in {@link #withoutHelpers} now, on any thread; guarded by the class. */
  private static int helperlessOps;
  /** Whether helpers were allowed when the first of them started; guarded by the class. */
  private static boolean helpersWereAllowed;

  private Nd4jOneDnn() {
  }

  /** True when oneDNN is in the loaded libnd4j and {@value #CONVOLUTIONS} is not {@code false}. */
  static boolean convolutions() {
    return Build.HAS_ONEDNN && !"false".equals(System.getProperty(CONVOLUTIONS));
  }

  /** Whether the loaded libnd4j has oneDNN at all, from its build information ({@code HAVE_ONEDNN}). */
  static boolean built() {
    return Build.HAS_ONEDNN;
  }

  /**
   * Runs {@code op} with libnd4j's platform helpers (oneDNN) off. libnd4j 1.0.0-M2.1 hands oneDNN its dilated
   * convolutions in a form oneDNN rejects ("could not create a descriptor for a dilated convolution forward
   * propagation primitive", every dilation above 1 tried), so those run libnd4j's own loops. The switch is
   * one for the process: it stays off while any such op runs on any thread, and other threads' ops meanwhile
   * run libnd4j's own loops too (the same values, slower). Without oneDNN {@code op} just runs.
   */
  static void withoutHelpers(Runnable op) {
    if (!Build.HAS_ONEDNN) {
      op.run();
      return;
    }
    helpersOff();
    try {
      op.run();
    } finally {
      helpersBack();
    }
  }

  private static synchronized void helpersOff() {
    if (helperlessOps++ == 0) {
      helpersWereAllowed = Nd4j.getEnvironment().helpersAllowed();
      Nd4j.getEnvironment().allowHelpers(false);
    }
  }

  private static synchronized void helpersBack() {
    if (--helperlessOps == 0) {
      Nd4j.getEnvironment().allowHelpers(helpersWereAllowed);
    }
  }

  /** Read once, when first asked: the engine is loaded by then. */
  private static final class Build {
    static final boolean HAS_ONEDNN =
        NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
  }
}
