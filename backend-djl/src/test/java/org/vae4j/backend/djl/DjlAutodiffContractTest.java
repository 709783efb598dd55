package org.vae4j.backend.djl;

import java.util.Set;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.contract.AutodiffContract;

/** The autodiff contract on the djl backend's CPU kernels. */
class DjlAutodiffContractTest extends AutodiffContract {
  @Override
  protected Kernels kernels() {
    return DjlTestKernels.cpu();
  }

  @Override
  protected Set<Capability> capabilities() {
    return DjlTestKernels.backend().capabilities();
  }
}
