package org.vae4j.backend.djl;

/**
 * {@link DjlMovementTest} on the kernels that run where {@link TorchScriptOps} cannot load: scatter-add through
 * a sparse tensor's densification.
 */
class DjlMovementFallbackTest extends DjlMovementTest {
  @Override
  protected DjlKernels kernels() {
    return DjlTestKernels.cpuWithoutLibtorchOps();
  }
}
