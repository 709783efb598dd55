package org.vae4j.backend.nd4j;

import java.util.Set;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.contract.AutodiffContract;

class Nd4jAutodiffContractTest extends AutodiffContract {
  @Override protected Kernels kernels() { return Nd4jTestKernels.kernels(); }
  @Override protected Set<Capability> capabilities() { return Nd4jTestKernels.capabilities(); }
}
