package org.vae4j.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's answers to bad input that is refused before any Spark session starts. */
class SparkCommandTest {
  private record Outcome(int code, String err) {
  }

  private static Outcome run(String... args) {
    CommandLine cmd = SparkCommand.commandLine();
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err));
    cmd.setOut(new PrintWriter(new StringWriter()));
    return new Outcome(cmd.execute(args), err.toString().strip());
  }

  @Test
  void anUnreachableMasterIsRefusedInSecondsWithExitCode2() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    Outcome o = run("train", "vae", "--workers", "2", "--master", "spark://127.0.0.1:" + port);
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).startsWith("vae4j: --master spark://127.0.0.1:" + port + ": cannot reach 127.0.0.1:" + port
        + " within 3 s (Connection refused); start the Spark master there, or give --master local[2] to run on this "
        + "machine");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
  }

  @Test
  void anUnknownModelIsNamed() {
    Outcome o = run("train", "gan", "--master", "local[2]");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).isEqualTo("vae4j: unknown model 'gan': give one of bnn, convvae, cvae, gated-pixelcnn, pixelcnn, "
        + "pixelrnn, vae, vqvae");
  }

  @Test
  void aMissingSubcommandIsAUsageError() {
    Outcome o = run();
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).startsWith("vae4j: missing subcommand: give one of train, score");
  }
}
