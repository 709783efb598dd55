package org.vae4j.examples.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

    assertThat(first.path()).isEqualTo(runs.resolve("vae-20261121-120005")).isEmptyDirectory();
    assertThat(second.path()).isEqualTo(runs.resolve("vae-20261121-120005-2")).isEmptyDirectory();
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
    assertThat(RunDirectory.create(out, "vae", dir, NOON).path()).isEqualTo(out).isEmptyDirectory();
  }

  @Test
  void explicitEmptyFolderIsUsed() throws IOException {
    Path out = Files.createDirectory(dir.resolve("empty"));
    assertThat(RunDirectory.create(out, "vae", dir, NOON).path()).isEqualTo(out);
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
