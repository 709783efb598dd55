package org.vae4j.backend.pure;

import java.util.Set;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.nn.LayerContract;

class PureLayerContractTest extends LayerContract {
  private static final PureBackend BACKEND = new PureBackend();

  @Override
  protected Kernels kernels() {
    return BACKEND.kernels(BACKEND.defaultDevice());
  }

  @Override
  protected Set<Capability> capabilities() {
    return BACKEND.capabilities();
  }
}
