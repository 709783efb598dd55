package org.vae4j.examples.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path dir;

  private String[] names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void writesAndReplacesWithoutLeavingTemporaryFiles() throws IOException {
    Path f = dir.resolve("summary.json");
    AtomicFiles.write(f, "one".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(f, "two".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(f)).isEqualTo("two");
    assertThat(names()).containsExactly("summary.json");
  }

  @Test
  void failedWriteKeepsTheOldFileAndRemovesTheTemporaryOne() throws IOException {
    Path f = dir.resolve("loss.png");
    AtomicFiles.write(f, "old".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
      out.write(1);
      throw new IOException("disk full");
    })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot write " + f + ": disk full");
    assertThat(Files.readString(f)).isEqualTo("old");
    assertThat(names()).containsExactly("loss.png");
  }

  @Test
  void fileIsReadableByOthersLikeAnyNewFile() throws IOException {
    Path plain = Files.writeString(dir.resolve("plain"), "x");
    Path atomic = dir.resolve("atomic");
    AtomicFiles.write(atomic, new byte[] {1});
    assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain))
        .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void missingFolderIsNamed() {
    Path f = dir.resolve("no/such/folder/x.png");
    assertThatThrownBy(() -> AtomicFiles.write(f, new byte[1])).isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("cannot write " + f).hasMessageEndingWith("check that the folder exists and is writable");
  }
}
