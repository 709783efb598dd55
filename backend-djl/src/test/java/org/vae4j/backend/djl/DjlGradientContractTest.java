package org.vae4j.backend.djl;

import java.util.Set;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.contract.GradientContract;

/** The gradient contract on the djl backend's CPU kernels. */
class DjlGradientContractTest extends GradientContract {
  @Override
  protected Kernels kernels() {
    return DjlTestKernels.cpu();
  }

  @Override
  protected Set<Capability> capabilities() {
    return DjlTestKernels.backend().capabilities();
  }
}
