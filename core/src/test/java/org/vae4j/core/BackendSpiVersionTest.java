package org.vae4j.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.BackendProvider;

/** A provider built for another backend SPI is refused with words, before any of its code runs. */
class BackendSpiVersionTest {

  /** A provider reporting {@code version}, or failing as a class compiled before spiVersion() existed. */
  private record FakeProvider(int version, boolean predatesVersioning) implements BackendProvider {
    @Override
    public int spiVersion() {
      if (predatesVersioning) {
        throw new AbstractMethodError("spiVersion");
      }
      return version;
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public int priority() {
      return 1;
    }

    @Override
    public String artifact() {
      return "com.example:fake-backend";
    }

    @Override
    public Backend create() {
      throw new AssertionError("create() must not run for a provider of another SPI version");
    }
  }

  @Test
  void aProviderOfThisVersionPasses() {
    assertThatCode(() -> Backends.checkSpiVersion(new FakeProvider(BackendProvider.SPI_VERSION, false)))
        .doesNotThrowAnyException();
  }

  @Test
  void aProviderOfAnotherVersionIsRefusedNamingBothVersions() {
    assertThatThrownBy(() -> Backends.checkSpiVersion(new FakeProvider(BackendProvider.SPI_VERSION + 1, false)))
        .isInstanceOf(BackendSelectionException.class)
        .hasMessageContaining("backend 'fake' (com.example:fake-backend")
        .hasMessageContaining("was built for backend SPI version " + (BackendProvider.SPI_VERSION + 1))
        .hasMessageContaining("this vae4j implements backend SPI version " + BackendProvider.SPI_VERSION)
        .hasMessageContaining("use a release of the backend built for this vae4j");
  }

  @Test
  void aProviderFromBeforeVersioningIsRefusedInsteadOfThrowingAbstractMethodError() {
    assertThatThrownBy(() -> Backends.checkSpiVersion(new FakeProvider(0, true)))
        .isInstanceOf(BackendSelectionException.class)
        .hasMessageContaining("was built for an older vae4j, from before the SPI was versioned");
  }
}
