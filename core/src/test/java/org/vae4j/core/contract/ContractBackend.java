package org.vae4j.core.contract;

import java.util.Set;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.Backends;

/**
 * The backend the contract suites run on: the one each backend module's build selects with the system
 * property {@code vae4j.backend} (set for surefire in that module's pom), on its default device or
 * {@code vae4j.device}. This is why a backend module runs every suite with one one-line subclass of
 * {@link BackendContractSuite}.
 */
final class ContractBackend {
  private ContractBackend() {
  }

  static Kernels kernels() {
    if (System.getProperty("vae4j.backend") == null && System.getenv("VAE4J_BACKEND") == null) {
      throw new IllegalStateException("contract suites need -Dvae4j.backend=NAME: set it in the surefire"
          + " <systemPropertyVariables> of the backend module that runs them");
    }
    return Backends.defaultKernels();
  }

  static Set<Capability> capabilities() {
    return Backends.get(kernels().backendName()).capabilities();
  }
}
