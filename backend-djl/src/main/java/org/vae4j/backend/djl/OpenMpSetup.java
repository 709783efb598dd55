package org.vae4j.backend.djl;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.spi.OpenMpWaitPolicy;

/**
 * Applies vae4j's OpenMP wait policy ({@link OpenMpWaitPolicy}) through the C library's {@code setenv},
 * called by JNA, before DJL loads libtorch and with it libgomp. Thread-safe.
 */
final class OpenMpSetup {
  private static final Logger LOG = LoggerFactory.getLogger(OpenMpSetup.class);

  /** The one libc function needed. */
  private interface CLibrary extends Library {
    int setenv(String name, String value, int overwrite);
  }

  private OpenMpSetup() {
  }

  /** Call before the first DJL class that loads native code; logs a warning when the policy cannot apply. */
  static void beforeLoadingNativeCode() {
    OpenMpWaitPolicy.Outcome outcome;
    try {
      outcome = OpenMpWaitPolicy.apply((name, value) -> Native.load("c", CLibrary.class).setenv(name, value, 0));
    } catch (LinkageError e) {
      outcome = new OpenMpWaitPolicy.Outcome("cannot call the C library's setenv through JNA (" + e + "); set "
          + OpenMpWaitPolicy.VARIABLE + "=" + OpenMpWaitPolicy.DEFAULT + " in the environment", true);
    }
    if (outcome.warning()) {
      LOG.warn("vae4j djl backend: {}", outcome.message());
    } else {
      LOG.debug("vae4j djl backend: {}", outcome.message());
    }
  }
}
