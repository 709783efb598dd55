package org.vae4j.backend.pure;

import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.contract.KernelContract;

/** The contract again with the Vector API kernels switched off, so that the scalar fallback is checked too. */
class PureScalarKernelContractTest extends KernelContract {
  private static final PureBackend BACKEND = new PureBackend();

  @BeforeAll
  static void forceScalar() {
    System.setProperty(Gemms.PROPERTY, "false");
  }

  @AfterAll
  static void restore() {
    System.clearProperty(Gemms.PROPERTY);
  }

  @Override
  protected Kernels kernels() {
    return BACKEND.kernels(BACKEND.defaultDevice());
  }

  @Override
  protected Set<Capability> capabilities() {
    return BACKEND.capabilities();
  }
}
