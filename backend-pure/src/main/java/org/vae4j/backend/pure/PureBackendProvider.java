package org.vae4j.backend.pure;

import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.BackendProvider;

/** Registers the pure-Java backend; it needs no native code and always creates successfully. */
public final class PureBackendProvider implements BackendProvider {

  @Override
  public int spiVersion() {
    return SPI_VERSION;
  }

  @Override
  public String name() {
    return PureBackend.NAME;
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public String artifact() {
    return "org.vae4j:vae4j-backend-pure";
  }

  @Override
  public Backend create() {
    return new PureBackend();
  }
}
