package org.vae4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.vae4j.examples.run.RunDirectoryException;

/** Checks an output file option: vae4j never overwrites a file. */
final class OutputFiles {
  private OutputFiles() {
  }

  /**
   * {@code file}, checked to be new and in an existing folder.
   *
   * @throws RunDirectoryException naming the file and the fix otherwise
   */
  static Path fresh(Path file) {
    if (Files.exists(file)) {
      throw new RunDirectoryException("--out " + file + " exists already; vae4j never overwrites a file, give a "
          + "new name");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new RunDirectoryException("--out " + file + ": the folder " + parent + " does not exist; create it "
          + "or give a file in an existing folder");
    }
    return file;
  }
}
