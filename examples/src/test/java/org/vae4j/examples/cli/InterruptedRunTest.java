package org.vae4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.examples.train.RunSource;

/**
 * What happens to a real {@code vae4j train} process (a child JVM) that is killed, stopped by a signal, or
 * started twice on one {@code --out}: a kill after an epoch loses nothing of it, SIGTERM and SIGINT save a
 * checkpoint at the next step and exit 143 and 130, a resumed run writes the metrics an uninterrupted run
 * writes, and of two runs on one folder exactly one proceeds.
 */
class InterruptedRunTest {
  /** 600 images in batches of 10: 60 steps per epoch, long enough to be interrupted inside an epoch. */
  private static final List<String> LONG = List.of("--backend", "pure", "--limit", "600", "--batch", "10",
      "--hidden", "16", "--ll-images", "0");

  @TempDir
  static Path shared;
  /** The loss columns of an uninterrupted run of 3 epochs. */
  private static List<String> uninterrupted;

  @TempDir
  Path dir;

  @BeforeAll
  static void trainWithoutInterruption() throws IOException {
    Path run = shared.resolve("uninterrupted");
    trainHere(train(LONG, "--epochs", "3", "--out", run.toString()));
    uninterrupted = lossColumns(run);
  }

  private static String[] train(List<String> options, String... more) {
    return Stream.concat(Stream.concat(Stream.of("train", "vae"), options.stream()), Stream.of(more))
        .toArray(String[]::new);
  }

  private static long lines(Path file) throws IOException {
    try (Stream<String> s = Files.lines(file)) {
      return s.count();
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  /** The rows of a metrics file without the columns of time, which differ from run to run. */
  private static List<String> lossColumns(Path run) throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.csv"))) {
      rows.add(String.join(",", Arrays.asList(line.split(",", -1)).subList(0, 3)));
    }
    return rows;
  }

  private static void trainHere(String... args) {
    Cli cli = new Cli();
    assertThat(cli.run(args)).as(cli.err()).isZero();
  }

  @Test
  void aRunKilledAfterAnEpochResumesToTheMetricsOfAnUninterruptedRun() throws Exception {
    Path killed = dir.resolve("killed");
    ChildVae4j child = ChildVae4j.start(dir, dir.resolve("killed.log"), false,
        train(LONG, "--epochs", "3", "--out", killed.toString()));
    child.await("a checkpoint", 120, () -> Files.exists(killed.resolve("model.safetensors")));
    child.process().destroyForcibly();
    child.exitCode(30);
    Checkpoint saved = Checkpoint.read(killed.resolve("model.safetensors"));
    assertThat(saved.epoch()).as("epochs finished when killed").isBetween(1, 2);
    assertThat(saved.batchInEpoch()).as("an epoch's checkpoint is the start of the next epoch").isZero();

    Path resumed = dir.resolve("resumed");
    trainHere(train(LONG, "--epochs", "3", "--resume", killed.toString(), "--out", resumed.toString()));
    assertThat(lossColumns(resumed)).hasSize(4).startsWith("epoch,train_loss,test_loss")
        .containsExactlyElementsOf(uninterrupted);
  }

  @Test
  void sigtermSavesACheckpointAtTheNextStepAndTheResumedRunEndsAsAnUninterruptedOne() throws Exception {
    Path stopped = dir.resolve("stopped");
    ChildVae4j child = ChildVae4j.start(dir, dir.resolve("stopped.log"), false,
        train(LONG, "--epochs", "20", "--out", stopped.toString()));
    child.await("the first epoch's row", 120, () -> lines(stopped.resolve("metrics.csv")) >= 2);
    child.signal("TERM");
    assertThat(child.exitCode(90)).as(child.output()).isEqualTo(143);
    RunSource saved = RunSource.locate(stopped, "--resume");
    assertThat(saved.step()).as("steps saved, the first epoch's 60 and more").isGreaterThanOrEqualTo(60);
    assertThat(child.output()).contains("INFO stopped at " + saved.position() + "; its checkpoint is "
        + stopped.resolve("model.safetensors") + ": continue with 'vae4j train vae --resume " + stopped
        + " --epochs 20 --out <new folder>'");
    assertThat(stopped.resolve(".vae4j-run.lock")).as("released").doesNotExist();

    int epochs = saved.epochsDone() + 1;
    assertThat(epochs).as("epochs to compare with the uninterrupted run's 3").isLessThanOrEqualTo(3);
    Path resumed = dir.resolve("resumed");
    trainHere(train(LONG, "--epochs", Integer.toString(epochs), "--resume", stopped.toString(), "--out",
        resumed.toString()));
    assertThat(lossColumns(resumed)).containsExactlyElementsOf(uninterrupted.subList(0, epochs + 1));
  }

  @Test
  void sigintSavesACheckpointAtTheNextStepAndExits130() throws Exception {
    boolean reset = ChildVae4j.canResetSigint();
    Assumptions.assumeTrue(reset || !ChildVae4j.sigintIgnoredHere(), "this process ignores SIGINT (started in the"
        + " background without job control) and env --default-signal is missing, so no child could receive it");
    Path stopped = dir.resolve("interrupted");
    ChildVae4j child = ChildVae4j.start(dir, dir.resolve("interrupted.log"), reset,
        train(LONG, "--epochs", "20", "--out", stopped.toString()));
    child.await("a training step", 120, () -> lines(stopped.resolve("run.json")) > 0);
    Thread.sleep(300);
    child.signal("INT");
    assertThat(child.exitCode(90)).as(child.output()).isEqualTo(130);
    RunSource saved = RunSource.locate(stopped, "--resume");
    assertThat(child.output()).contains("INFO stopped at " + saved.position() + "; its checkpoint is "
        + stopped.resolve("model.safetensors"));
  }

  @Test
  void ofTwoRunsStartedAtOnceOnOneOutExactlyOneProceeds() throws Exception {
    Path out = dir.resolve("shared");
    List<String> quick = List.of("--backend", "pure", "--epochs", "1", "--limit", "50", "--batch", "50", "--hidden",
        "8", "--ll-images", "0", "--out", out.toString());
    ChildVae4j first = ChildVae4j.start(dir, dir.resolve("first.log"), false, train(quick));
    ChildVae4j second = ChildVae4j.start(dir, dir.resolve("second.log"), false, train(quick));
    int a = first.exitCode(120);
    int b = second.exitCode(120);
    assertThat(List.of(a, b)).as("exit codes; outputs:\n%s\n%s", first.output(), second.output())
        .containsExactlyInAnyOrder(0, ExitCodes.USAGE);
    String refused = (a == 0 ? second : first).output().strip();
    String last = refused.substring(refused.lastIndexOf('\n') + 1);
    assertThat(last).isIn("vae4j: --out " + out + " is taken by another vae4j run (it holds "
        + out.resolve(".vae4j-run.lock") + "); give another folder, or delete the lock if no run is using it",
        "vae4j: --out " + out + " already holds " + countEntries(out) + " entries; runs never overwrite each other,"
            + " give a new or empty folder");
    assertThat(out.resolve("summary.json")).isNotEmptyFile();
  }

  private static long countEntries(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.count();
    }
  }
}
