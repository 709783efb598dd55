package org.vae4j.backend.nd4j;

import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.BackendProvider;

/**
 * Registers the ND4J backend ("nd4j", priority 20). Constructing it loads no ND4J class: the native library
 * is loaded by {@link #create()}, which fails with a message naming the artifact to add when it cannot.
 */
public final class Nd4jBackendProvider implements BackendProvider {

  /** The Maven coordinates of this backend. */
  public static final String ARTIFACT = "org.vae4j:vae4j-backend-nd4j";

  @Override
  public int spiVersion() {
    return SPI_VERSION;
  }

  @Override
  public String name() {
    return "nd4j";
  }

  @Override
  public int priority() {
    return 20;
  }

  @Override
  public String artifact() {
    return ARTIFACT;
  }

  /**
   * Loads ND4J's native backend and returns a backend on it.
   *
   * @throws IllegalStateException naming what failed to load and which ND4J artifact and classifier to add
   */
  @Override
  public Backend create() {
    try {
      return Nd4jBackend.start();
    } catch (LinkageError | RuntimeException e) {
      throw Nd4jLoadFailure.explain(e);
    }
  }
}
