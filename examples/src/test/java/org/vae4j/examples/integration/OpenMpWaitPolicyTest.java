package org.vae4j.examples.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vae4j.core.Backends;

/**
 * A library user's JVM ({@code java -cp}, no {@code OMP_WAIT_POLICY} in the environment) that starts the djl
 * and the nd4j backend gets passive OpenMP waiting in both engines' runtimes: libgomp, asked by
 * {@code OMP_DISPLAY_ENV=verbose} to print its settings when it loads, reports a spin count of 0 (what
 * {@code PASSIVE} means) for each of its two copies, and its default of 300000 spins when vae4j is told to
 * keep the environment as it is.
 */
class OpenMpWaitPolicyTest {
  private static final Pattern SPINCOUNT = Pattern.compile("GOMP_SPINCOUNT = '(\\d+)'");

  /** Starts both native backends; libgomp prints its settings to stderr as each copy loads. */
  public static final class StartNativeBackends {
    private StartNativeBackends() {
    }

    public static void main(String[] args) {
      Backends.get("djl");
      Backends.get("nd4j");
    }
  }

  private static List<String> spinCounts(String... properties) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString()));
    command.addAll(List.of(properties));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), StartNativeBackends.class.getName()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("OMP_WAIT_POLICY");
    pb.environment().remove("GOMP_SPINCOUNT");
    pb.environment().put("OMP_DISPLAY_ENV", "verbose");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    List<String> counts = new ArrayList<>();
    Matcher m = SPINCOUNT.matcher(output);
    while (m.find()) {
      counts.add(m.group(1));
    }
    return counts;
  }

  @Test
  void bothOpenMpRuntimesWaitPassivelyWithoutAnEnvironmentVariable() throws Exception {
    assertThat(spinCounts()).as("libtorch's and libnd4j's libgomp").containsExactly("0", "0");
    assertThat(spinCounts("-Dvae4j.omp.waitPolicy=keep")).as("libgomp's own default")
        .containsExactly("300000", "300000");
  }
}
