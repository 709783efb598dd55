package org.vae4j.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code vae4j} command line in a child JVM, started as the {@code vae4j} launcher starts it, with its
 * output (stdout and stderr) in a log file: for what only a separate process shows, such as signals, kills and
 * two runs at once.
 */
final class ChildVae4j {
  private final Process process;
  private final Path log;

  private ChildVae4j(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code vae4j args...} in {@code dir}, its output going to {@code log}. With {@code defaultSigint},
   * SIGINT is reset to its default action first (where coreutils' {@code env} can), since a process started in
   * the background without job control inherits it ignored.
   */
  static ChildVae4j start(Path dir, Path log, boolean defaultSigint, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    if (defaultSigint) {
      command.addAll(List.of("env", "--default-signal=INT"));
    }
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
        Vae4jCommand.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    return new ChildVae4j(builder.start(), log);
  }

  /** True when {@code env --default-signal} exists here (coreutils 8.31 and later). */
  static boolean canResetSigint() {
    try {
      Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** True when this process ignores SIGINT, so that children started without a reset would too. */
  static boolean sigintIgnoredHere() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0;
      }
    }
    return false;
  }

  Process process() {
    return process;
  }

  /** Sends {@code signal} ({@code TERM}, {@code INT}, ...) with {@code kill}. */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /** Waits at most {@code seconds} for the child to end and returns its exit code. */
  int exitCode(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("vae4j did not end within " + seconds + " s; its output:\n" + output());
    }
    return process.exitValue();
  }

  /** What the child printed so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Waits, at most {@code seconds}, until {@code condition} holds, failing when the child ends before it does. */
  void await(String what, long seconds, Condition condition) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.holds()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("vae4j ended (exit code " + process.exitValue() + ") before " + what
            + "; its output:\n" + output());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no " + what + " within " + seconds + " s; its output:\n" + output());
      }
      Thread.sleep(5);
    }
  }

  /** A state of the run's files to wait for. */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws IOException;
  }
}
