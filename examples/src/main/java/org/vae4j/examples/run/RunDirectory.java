package org.vae4j.examples.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * The folder one run writes into ({@code --out}). A run never overwrites another: without {@code --out} a
 * new folder {@code runs/<model>-<yyyyMMdd-HHmmss>} is made (with {@code -2}, {@code -3}, ... appended when
 * that name is taken); an explicit {@code --out} must not exist yet or be an empty folder.
 *
 * @param path the folder, which exists and belonged to no other run when this was made
 */
public record RunDirectory(Path path) {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /**
   * Makes the folder for a run.
   *
   * @param out      the user's {@code --out}, or {@code null} for a new folder under {@code runsRoot}
   * @param model    the model's name, the start of a default folder's name
   * @param runsRoot where default folders go (normally {@code runs})
   * @param clock    gives the timestamp of a default folder's name
   * @throws RunDirectoryException when {@code out} is a file or a non-empty folder, or a folder cannot be made
   */
  public static RunDirectory create(Path out, String model, Path runsRoot, Clock clock) {
    return out != null ? explicit(out) : fresh(model, runsRoot, clock);
  }

  /** {@link #create} with {@code runs} in the working directory and the system clock. */
  public static RunDirectory create(Path out, String model) {
    return create(out, model, Path.of("runs"), Clock.systemDefaultZone());
  }

  /** A file of this run: {@code path().resolve(name)}. */
  public Path file(String name) {
    return path.resolve(name);
  }

  private static RunDirectory explicit(Path out) {
    if (Files.isRegularFile(out)) {
      throw new RunDirectoryException("--out " + out + " is a file; give a folder that does not exist yet or "
          + "is empty");
    }
    if (Files.isDirectory(out)) {
      long entries;
      try (Stream<Path> s = Files.list(out)) {
        entries = s.count();
      } catch (IOException e) {
        throw new RunDirectoryException("--out " + out + ": cannot list it: " + e.getMessage()
            + "; give a folder you can read and write", e);
      }
      if (entries > 0) {
        throw new RunDirectoryException("--out " + out + " already holds " + entries + " entr"
            + (entries == 1 ? "y" : "ies") + "; runs never overwrite each other, give a new or empty folder");
      }
      return new RunDirectory(out);
    }
    try {
      return new RunDirectory(Files.createDirectories(out));
    } catch (IOException e) {
      throw new RunDirectoryException("--out " + out + ": cannot create it: " + e.getMessage()
          + "; give a folder in a place you can write", e);
    }
  }

  private static RunDirectory fresh(String model, Path runsRoot, Clock clock) {
    String base = model.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + LocalDateTime.now(clock).format(STAMP);
    try {
      Files.createDirectories(runsRoot);
      for (int n = 1; ; n++) {
        Path candidate = runsRoot.resolve(n == 1 ? base : base + "-" + n);
        try {
          return new RunDirectory(Files.createDirectory(candidate));
        } catch (FileAlreadyExistsException taken) {
          // another run has this name: try the next suffix
        }
      }
    } catch (IOException e) {
      throw new RunDirectoryException("cannot create a run folder under " + runsRoot.toAbsolutePath() + ": "
          + e.getMessage() + "; give --out a folder in a place you can write", e);
    }
  }
}
