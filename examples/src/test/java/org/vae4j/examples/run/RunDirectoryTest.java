package org.vae4j.examples.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
  private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-21T12:00:05Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  @Test
  void defaultFolderIsNamedFromModelAndTimeAndNeverReused() {
    Path runs = dir.resolve("runs");
    RunDirectory first = RunDirectory.create(null, "vae", runs, NOON);
    RunDirectory second = RunDirectory.create(null, "vae", runs, NOON);
    RunDirectory third = RunDirectory.create(null, "vae", runs, NOON);

    assertThat(first.path()).isEqualTo(runs.resolve("vae-20261121-120005"));
    assertThat(second.path()).isEqualTo(runs.resolve("vae-20261121-120005-2"));
    assertHoldsOnlyTheLock(first);
    assertHoldsOnlyTheLock(second);
    assertThat(third.path()).isEqualTo(runs.resolve("vae-20261121-120005-3"));
    assertThat(first.file("metrics.csv")).isEqualTo(first.path().resolve("metrics.csv"));
  }

  @Test
  void modelNameIsMadeSafeForAFolderName() {
    assertThat(RunDirectory.create(null, "vq vae/2", dir, NOON).path().getFileName().toString())
        .isEqualTo("vq_vae_2-20261121-120005");
  }

  @Test
  void explicitFolderIsCreatedWithItsParents() {
    Path out = dir.resolve("a/b/run1");
    RunDirectory run = RunDirectory.create(out, "vae", dir, NOON);
    assertThat(run.path()).isEqualTo(out);
    assertHoldsOnlyTheLock(run);
    run.close();
    assertThat(out).as("released").isEmptyDirectory();
  }

  @Test
  void aFolderHeldByARunIsRefusedToAnother() {
    Path out = dir.resolve("held");
    RunDirectory first = RunDirectory.create(out, "vae", dir, NOON);
    assertThatThrownBy(() -> RunDirectory.create(out, "vae", dir, NOON)).isInstanceOf(RunDirectoryException.class)
        .hasMessage("--out " + out + " is taken by another vae4j run (it holds " + out.resolve(RunDirectory.LOCK)
            + "); give another folder, or delete the lock if no run is using it");
    first.close();
  }

  @Test
  void ofRunsStartedAtOnceOnOneOutExactlyOneProceeds() throws Exception {
    for (boolean existing : new boolean[] {false, true}) {
      Path out = dir.resolve("race-" + existing);
      if (existing) {
        Files.createDirectory(out);
      }
      int runs = 8;
      CyclicBarrier start = new CyclicBarrier(runs);
      ExecutorService pool = Executors.newFixedThreadPool(runs);
      List<Future<RunDirectory>> attempts = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        attempts.add(pool.submit(() -> {
          start.await();
          return RunDirectory.create(out, "vae", dir, NOON);
        }));
      }
      int proceeded = 0;
      for (Future<RunDirectory> a : attempts) {
        try {
          a.get();
          proceeded++;
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(RunDirectoryException.class);
          assertThat(e.getCause().getMessage()).startsWith("--out " + out + " is taken by another vae4j run");
        }
      }
      pool.shutdown();
      assertThat(proceeded).as("runs that took %s (existing: %s)", out, existing).isEqualTo(1);
    }
  }

  @Test
  void discardRemovesWhatTheRunWroteAndAFolderItMade() throws IOException {
    RunDirectory made = RunDirectory.create(dir.resolve("made"), "vae", dir, NOON);
    Files.writeString(made.file("run.json"), "{}");
    made.close();
    made.discard();
    assertThat(dir.resolve("made")).doesNotExist();

    Path given = Files.createDirectory(dir.resolve("given"));
    RunDirectory taken = RunDirectory.create(given, "vae", dir, NOON);
    Files.writeString(taken.file("metrics.csv"), "epoch\n");
    taken.close();
    taken.discard();
    assertThat(given).as("the user's empty folder, as it was").isEmptyDirectory();
  }

  private static void assertHoldsOnlyTheLock(RunDirectory run) {
    try (Stream<Path> files = Files.list(run.path())) {
      assertThat(files).containsExactly(run.file(RunDirectory.LOCK));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void explicitEmptyFolderIsUsed() throws IOException {
    Path out = Files.createDirectory(dir.resolve("empty"));
    assertThat(RunDirectory.create(out, "vae", dir, NOON).path()).isEqualTo(out);
    assertThat(out.resolve(RunDirectory.LOCK)).exists();
  }

  @Test
  void explicitFolderHoldingFilesIsRefused() throws IOException {
    Path out = Files.createDirectory(dir.resolve("old-run"));
    Files.writeString(out.resolve("metrics.csv"), "epoch\n");
    Files.writeString(out.resolve("loss.png"), "x");
    assertThatThrownBy(() -> RunDirectory.create(out, "vae", dir, NOON)).isInstanceOf(RunDirectoryException.class)
        .hasMessage("--out " + out + " already holds 2 entries; runs never overwrite each other, give a new or "
            + "empty folder");
    assertThat(out.resolve("metrics.csv")).hasContent("epoch");
  }

  @Test
  void explicitRegularFileIsRefused() throws IOException {
    Path out = Files.writeString(dir.resolve("notes.txt"), "keep me");
    assertThatThrownBy(() -> RunDirectory.create(out, "vae", dir, NOON)).isInstanceOf(RunDirectoryException.class)
        .hasMessage("--out " + out + " is a file; give a folder that does not exist yet or is empty");
    assertThat(out).hasContent("keep me");
  }

  @Test
  void runsRootThatIsAFileIsReported() throws IOException {
    Path runs = Files.writeString(dir.resolve("runs"), "x");
    assertThatThrownBy(() -> RunDirectory.create(null, "vae", runs, NOON)).isInstanceOf(RunDirectoryException.class)
        .hasMessageStartingWith("cannot create a run folder under " + runs.toAbsolutePath())
        .hasMessageEndingWith("give --out a folder in a place you can write");
  }
}
