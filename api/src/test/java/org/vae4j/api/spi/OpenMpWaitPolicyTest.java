package org.vae4j.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenMpWaitPolicyTest {
  @TempDir
  Path dir;

  private final List<String> calls = new ArrayList<>();
  private final OpenMpWaitPolicy.Setenv recorder = (name, value) -> {
    calls.add(name + "=" + value);
    return 0;
  };

  @AfterEach
  void forget() {
    OpenMpWaitPolicy.reset();
  }

  private Path maps(String content) throws IOException {
    return Files.writeString(dir.resolve("maps"), content);
  }

  @Test
  void setsPassiveOnceBeforeAnyOpenMpRuntimeIsLoaded() throws IOException {
    Path maps = maps("7f00 r-xp /usr/lib/jvm/lib/libjvm.so\n");
    OpenMpWaitPolicy.Outcome first = OpenMpWaitPolicy.apply(recorder, Map.of(), null, maps);
    OpenMpWaitPolicy.Outcome second = OpenMpWaitPolicy.apply(recorder, Map.of(), null, maps);
    assertThat(calls).containsExactly("OMP_WAIT_POLICY=PASSIVE");
    assertThat(first.warning()).isFalse();
    assertThat(first.message()).isEqualTo("OMP_WAIT_POLICY=PASSIVE set by vae4j before loading the engine "
        + "(-Dvae4j.omp.waitPolicy to change)");
    assertThat(second.message()).isEqualTo("OMP_WAIT_POLICY=PASSIVE was set by vae4j when the first native "
        + "backend started");
  }

  @Test
  void neverOverridesTheEnvironment() throws IOException {
    OpenMpWaitPolicy.Outcome o = OpenMpWaitPolicy.apply(recorder, Map.of("OMP_WAIT_POLICY", "active"), "PASSIVE",
        maps(""));
    assertThat(calls).isEmpty();
    assertThat(o.message()).isEqualTo("OMP_WAIT_POLICY=active from the environment");
  }

  @Test
  void thePropertyChoosesTheValueOrKeepsLibgompsDefault() throws IOException {
    OpenMpWaitPolicy.apply(recorder, Map.of(), "active", maps(""));
    assertThat(calls).containsExactly("OMP_WAIT_POLICY=ACTIVE");
    OpenMpWaitPolicy.reset();
    calls.clear();
    OpenMpWaitPolicy.Outcome kept = OpenMpWaitPolicy.apply(recorder, Map.of(), "keep", maps(""));
    assertThat(calls).isEmpty();
    assertThat(kept.warning()).isFalse();
    assertThatThrownBy(() -> OpenMpWaitPolicy.apply(recorder, Map.of(), "sleepy", dir.resolve("maps")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Dvae4j.omp.waitPolicy=sleepy: give PASSIVE, ACTIVE or keep");
  }

  @Test
  void warnsWhenAnOpenMpRuntimeIsAlreadyLoaded() throws IOException {
    Path maps = maps("7f00 r-xp /home/u/.djl.ai/pytorch/libgomp-98b21ff3.so.1\n");
    OpenMpWaitPolicy.Outcome o = OpenMpWaitPolicy.apply(recorder, Map.of(), null, maps);
    assertThat(calls).isEmpty();
    assertThat(o.warning()).isTrue();
    assertThat(o.message()).isEqualTo("an OpenMP runtime was loaded before vae4j's backend, so OMP_WAIT_POLICY can "
        + "no longer take effect in it; set OMP_WAIT_POLICY=PASSIVE in the environment");
  }

  @Test
  void aFailedSetenvIsAWarning() throws IOException {
    OpenMpWaitPolicy.Outcome o = OpenMpWaitPolicy.apply((n, v) -> -1, Map.of(), null, maps(""));
    assertThat(o.warning()).isTrue();
    assertThat(o.message()).startsWith("setenv(OMP_WAIT_POLICY, PASSIVE) failed with -1");
  }
}
