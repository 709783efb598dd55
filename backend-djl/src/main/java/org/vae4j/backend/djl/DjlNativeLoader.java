package org.vae4j.backend.djl;

import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.spi.OpenMpWaitPolicy;

/**
 * Loads DJL's PyTorch engine without any network access. Before DJL's {@link Engine} class is first
 * initialized it sets {@code ai.djl.offline=true} (so DJL never downloads a library; a missing one is an
 * error) and {@code OPT_OUT_TRACKING=true} (no telemetry call), each unless the user set it already. libtorch
 * then comes from the {@code pytorch-native-*} jar on the class path, extracted once into DJL's cache
 * directory ({@code ~/.djl.ai}, or {@code DJL_CACHE_DIR}), or from {@code PYTORCH_LIBRARY_PATH} when set.
 * Before that, it sets {@code OMP_WAIT_POLICY} for libtorch's OpenMP runtime ({@link OpenMpWaitPolicy}).
 */
final class DjlNativeLoader {
  private static final Logger LOG = LoggerFactory.getLogger(DjlNativeLoader.class);

  static final String ENGINE_NAME = "PyTorch";
  static final String NATIVE_ARTIFACT = "ai.djl.pytorch:pytorch-native-cpu:2.7.1 (classifier linux-x86_64)";

  private DjlNativeLoader() {
  }

  /**
   * The PyTorch engine, loading libtorch on the first call.
   *
   * @throws IllegalStateException naming the cause and the artifacts that provide libtorch
   */
  static synchronized Engine loadEngine() {
    configureOffline();
    logOpenMp(OpenMpWaitPolicy.applyThroughJna());
    try {
      Engine engine = Engine.getEngine(ENGINE_NAME);
      LOG.info("vae4j djl backend: DJL {} with PyTorch {} loaded from {}", Engine.getDjlVersion(),
          engine.getVersion(), libtorchPath());
      return engine;
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException("djl backend: could not load PyTorch through DJL (" + rootMessage(e)
          + "). vae4j-backend-djl loads libtorch offline from the class path: keep " + NATIVE_ARTIFACT
          + " and ai.djl.pytorch:pytorch-jni:2.7.1-0.35.1 on it (both come with vae4j-backend-djl), do not set"
          + " PYTORCH_VERSION to another version, or point PYTORCH_LIBRARY_PATH at a libtorch 2.7.1 lib folder."
          + " Or choose another backend with -Dvae4j.backend=pure", e);
    }
  }

  private static void logOpenMp(OpenMpWaitPolicy.Outcome outcome) {
    if (outcome.warning()) {
      LOG.warn("vae4j djl backend: {}", outcome.message());
    } else {
      LOG.debug("vae4j djl backend: {}", outcome.message());
    }
  }

  /** Where libtorch was loaded from, for logs and {@code describe()}. */
  static String libtorchPath() {
    try {
      return ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
    } catch (RuntimeException e) {
      return "(unknown: " + e.getMessage() + ")";
    }
  }

  private static void configureOffline() {
    setUnlessSet("ai.djl.offline", "DJL_OFFLINE", "true");
    setUnlessSet("OPT_OUT_TRACKING", "OPT_OUT_TRACKING", "true");
  }

  private static void setUnlessSet(String property, String environmentVariable, String value) {
    if (System.getProperty(property) == null && System.getenv(environmentVariable) == null) {
      System.setProperty(property, value);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + "; cause: " + t;
  }
}
