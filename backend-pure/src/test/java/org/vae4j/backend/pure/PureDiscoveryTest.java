package org.vae4j.backend.pure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vae4j.api.Device;
import org.vae4j.core.BackendSelectionException;
import org.vae4j.core.Backends;

class PureDiscoveryTest {

  @Test
  void theProviderIsFoundThroughServiceLoader() {
    assertThat(Backends.providers()).anySatisfy(p -> {
      assertThat(p.name()).isEqualTo("pure");
      assertThat(p.priority()).isEqualTo(10);
    });
    assertThat(Backends.get("pure").devices()).containsExactly(Device.CPU);
  }

  @Test
  void anUnknownNameListsTheBackendsThatExist() {
    assertThatThrownBy(() -> Backends.get("nope"))
        .isInstanceOf(BackendSelectionException.class)
        .hasMessageContaining("backend 'nope' is not on the class path. Found: ")
        .hasMessageContaining("pure (priority 10)");
  }

  @Test
  void kernelsByNameAndDeviceUseOneResolutionPath() {
    assertThat(Backends.kernels("pure", Device.CPU)).isSameAs(Backends.get("pure").kernels(Device.CPU));
    assertThat(Backends.kernels("pure", null).device()).isEqualTo(Device.CPU);
    assertThat(Backends.kernels(null, null)).isSameAs(Backends.defaultKernels());
    assertThatThrownBy(() -> Backends.kernels("pure", Device.parse("gpu")))
        .isInstanceOf(BackendSelectionException.class)
        .hasMessage("device gpu:0: backend 'pure' has the devices [cpu]; choose one of them");
  }

  @Test
  void theProviderDeclaresThisVae4jsSpiVersion() {
    assertThat(new PureBackendProvider().spiVersion()).isEqualTo(org.vae4j.api.spi.BackendProvider.SPI_VERSION);
  }

  @Test
  void describeListsThePureBackend() {
    assertThat(Backends.describe()).contains("pure").contains("ok").contains("cpu");
  }
}
