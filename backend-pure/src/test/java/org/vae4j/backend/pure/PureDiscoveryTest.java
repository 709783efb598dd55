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
  void describeListsThePureBackend() {
    assertThat(Backends.describe()).contains("pure").contains("ok").contains("cpu");
  }
}
