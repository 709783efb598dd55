package org.vae4j.backend.djl;

import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.BackendProvider;

/**
 * Registers the PyTorch-through-DJL backend. Constructing it loads no native code and touches no DJL class;
 * {@link #create()} configures DJL for offline use, loads libtorch from the class path and makes the backend.
 */
public final class DjlBackendProvider implements BackendProvider {

  /** The name a user selects this backend by. */
  public static final String NAME = "djl";

  @Override
  public int spiVersion() {
    return SPI_VERSION;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 30;
  }

  @Override
  public String artifact() {
    return "org.vae4j:vae4j-backend-djl";
  }

  /**
   * Loads libtorch (offline, from the {@code pytorch-native-*} jar) and returns a new backend.
   *
   * @throws IllegalStateException saying why libtorch could not be loaded and which artifact to add
   */
  @Override
  public Backend create() {
    return new DjlBackend(DjlNativeLoader.loadEngine());
  }
}
