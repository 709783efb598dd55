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
    OpenMpWaitPolicy.Outcome first = OpenMpWaitPolicy.apply(recorder, Map.of(), null, null, maps);
    OpenMpWaitPolicy.Outcome second = OpenMpWaitPolicy.apply(recorder, Map.of(), null, null, maps);
    assertThat(calls).containsExactly("OMP_WAIT_POLICY=PASSIVE");
    assertThat(first.warning()).isFalse();
    assertThat(first.message()).isEqualTo("OMP_WAIT_POLICY=PASSIVE set by vae4j before loading the engine "
        + "(-Dvae4j.omp.waitPolicy, -Dvae4j.omp.spinCount to change)");
    assertThat(second.message()).isEqualTo("OMP_WAIT_POLICY=PASSIVE was set by vae4j when the first native "
        + "backend started");
  }

  @Test
  void theSpinCountComesFromThePropertyOrStaysAsTheEnvironmentHasIt() throws IOException {
    OpenMpWaitPolicy.Outcome spin = OpenMpWaitPolicy.apply(recorder, Map.of(), null, "30000", maps(""));
    assertThat(calls).containsExactly("OMP_WAIT_POLICY=PASSIVE", "GOMP_SPINCOUNT=30000");
    assertThat(spin.message()).isEqualTo("OMP_WAIT_POLICY=PASSIVE and GOMP_SPINCOUNT=30000 set by vae4j before "
        + "loading the engine (-Dvae4j.omp.waitPolicy, -Dvae4j.omp.spinCount to change)");
    OpenMpWaitPolicy.reset();
    calls.clear();
    OpenMpWaitPolicy.apply(recorder, Map.of(), "passive", "0", maps(""));
    assertThat(calls).as("0: sleep at once").containsExactly("OMP_WAIT_POLICY=PASSIVE");
    OpenMpWaitPolicy.reset();
    calls.clear();
    OpenMpWaitPolicy.apply(recorder, Map.of("GOMP_SPINCOUNT", "100"), null, "5000", maps(""));
    assertThat(calls).containsExactly("OMP_WAIT_POLICY=PASSIVE");
    OpenMpWaitPolicy.reset();
    calls.clear();
    OpenMpWaitPolicy.apply(recorder, Map.of(), "active", "5000", maps(""));
    assertThat(calls).as("ACTIVE spins anyway").containsExactly("OMP_WAIT_POLICY=ACTIVE");
    OpenMpWaitPolicy.reset();
    assertThatThrownBy(() -> OpenMpWaitPolicy.apply(recorder, Map.of(), null, "-3", maps("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Dvae4j.omp.spinCount=-3: give a whole number of spins >= 0 (0, the default: idle threads "
            + "sleep at once; 30000 spins about 0.3 ms)");
  }

  @Test
  void neverOverridesTheEnvironment() throws IOException {
    OpenMpWaitPolicy.Outcome o = OpenMpWaitPolicy.apply(recorder, Map.of("OMP_WAIT_POLICY", "active"), "PASSIVE",
        null, maps(""));
    assertThat(calls).isEmpty();
    assertThat(o.message()).isEqualTo("OMP_WAIT_POLICY=active from the environment");
  }

  @Test
  void thePropertyChoosesTheValueOrKeepsLibgompsDefault() throws IOException {
    OpenMpWaitPolicy.apply(recorder, Map.of(), "active", null, maps(""));
    assertThat(calls).containsExactly("OMP_WAIT_POLICY=ACTIVE");
    OpenMpWaitPolicy.reset();
    calls.clear();
    OpenMpWaitPolicy.Outcome kept = OpenMpWaitPolicy.apply(recorder, Map.of(), "keep", null, maps(""));
    assertThat(calls).isEmpty();
    assertThat(kept.warning()).isFalse();
    assertThatThrownBy(() -> OpenMpWaitPolicy.apply(recorder, Map.of(), "sleepy", null, dir.resolve("maps")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Dvae4j.omp.waitPolicy=sleepy: give PASSIVE, ACTIVE or keep");
  }

  @Test
  void warnsWhenAnOpenMpRuntimeIsAlreadyLoaded() throws IOException {
    Path maps = maps("7f00 r-xp /home/u/.djl.ai/pytorch/libgomp-98b21ff3.so.1\n");
    OpenMpWaitPolicy.Outcome o = OpenMpWaitPolicy.apply(recorder, Map.of(), null, null, maps);
    assertThat(calls).isEmpty();
    assertThat(o.warning()).isTrue();
    assertThat(o.message()).isEqualTo("an OpenMP runtime was loaded before vae4j's backend, so OMP_WAIT_POLICY can "
        + "no longer take effect in it; set OMP_WAIT_POLICY=PASSIVE in the environment");
  }

  @Test
  void aFailedSetenvIsAWarning() throws IOException {
    OpenMpWaitPolicy.Outcome o = OpenMpWaitPolicy.apply((n, v) -> -1, Map.of(), null, null, maps(""));
    assertThat(o.warning()).isTrue();
    assertThat(o.message()).startsWith("setenv(OMP_WAIT_POLICY, PASSIVE) failed with -1");
  }
}
