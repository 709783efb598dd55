package org.vae4j.backend.djl;

/**
 * {@link DjlLinalgTest} on the kernels that run where {@link TorchScriptOps} cannot load: the convolution
 * gradients as forward convolutions of rearranged operands.
 */
class DjlLinalgFallbackTest extends DjlLinalgTest {
  @Override
  protected DjlKernels kernels() {
    return DjlTestKernels.cpuWithoutLibtorchOps();
  }
}
