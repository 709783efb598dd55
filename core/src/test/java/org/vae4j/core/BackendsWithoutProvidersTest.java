package org.vae4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** core's own test class path holds no backend: exactly what a user sees who forgot to add one. */
class BackendsWithoutProvidersTest {

  @Test
  void anEmptyClassPathNamesTheArtifactsToAdd() {
    assertThat(Backends.providers()).isEmpty();
    assertThatThrownBy(Backends::selected)
        .isInstanceOf(BackendSelectionException.class)
        .hasMessageContaining("no vae4j backend on the class path")
        .hasMessageContaining("org.vae4j:vae4j-backend-pure")
        .hasMessageContaining("org.vae4j:vae4j-backend-nd4j")
        .hasMessageContaining("org.vae4j:vae4j-backend-djl");
  }

  @Test
  void anUnknownNameListsWhatWasFoundAndTheKnownBackends() {
    assertThatThrownBy(() -> Backends.get("nope"))
        .isInstanceOf(BackendSelectionException.class)
        .hasMessageContaining("backend 'nope' is not on the class path. Found: none")
        .hasMessageContaining("Known backends: ")
        .hasMessageContaining("-Dvae4j.backend=NAME");
  }

  @Test
  void aKnownButAbsentBackendNamesItsArtifact() {
    assertThatThrownBy(() -> Backends.get("djl"))
        .hasMessageContaining("Add the artifact org.vae4j:vae4j-backend-djl");
  }

  @Test
  void describeSaysWhatToAdd() {
    assertThat(Backends.describe()).startsWith("No vae4j backend on the class path. Add one of:");
  }
}
