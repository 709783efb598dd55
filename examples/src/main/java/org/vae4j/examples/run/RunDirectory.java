package org.vae4j.examples.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder one run writes into ({@code --out}), held by that run alone. A run never overwrites another:
 * without {@code --out} a new folder {@code runs/<model>-<yyyyMMdd-HHmmss>} is made (with {@code -2},
 * {@code -3}, ... appended when that name is taken); an explicit {@code --out} must not exist yet or be an
 * empty folder.
 *
 * <p>Taking a folder is atomic, so of two runs started at once on one {@code --out} exactly one proceeds: the
 * folder is made with one {@code mkdir} (which fails for the second), and the run then creates the lock file
 * {@value #LOCK} inside it with {@code O_EXCL} (which also settles two runs taking one existing empty folder).
 * {@link #close()} removes the lock when the run ends; {@link #discard()} removes what the run wrote, for a
 * run that failed before it left anything worth keeping. Not thread-safe: one run owns it.
 */
public final class RunDirectory implements AutoCloseable {
  /** The lock file a run holds in its folder while it runs. */
  public static final String LOCK = ".vae4j-run.lock";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path path;
  private final boolean made;

  private RunDirectory(Path path, boolean made) {
    this.path = path;
    this.made = made;
  }

  /**
   * Makes (or takes an empty) folder for a run, and locks it.
   *
   * @param out      the user's {@code --out}, or {@code null} for a new folder under {@code runsRoot}
   * @param model    the model's name, the start of a default folder's name
   * @param runsRoot where default folders go (normally {@code runs})
   * @param clock    gives the timestamp of a default folder's name
   * @throws RunDirectoryException when {@code out} is a file, a non-empty folder or held by another run, or a
   *                               folder cannot be made
   */
  public static RunDirectory create(Path out, String model, Path runsRoot, Clock clock) {
    RunDirectory run = out != null ? explicit(out) : fresh(model, runsRoot, clock);
    run.lock(out != null ? "--out " + out : "run folder " + run.path);
    return run;
  }

  /** {@link #create} with {@code runs} in the working directory and the system clock. */
  public static RunDirectory create(Path out, String model) {
    return create(out, model, Path.of("runs"), Clock.systemDefaultZone());
  }

  /** The folder. */
  public Path path() {
    return path;
  }

  /** A file of this run: {@code path().resolve(name)}. */
  public Path file(String name) {
    return path.resolve(name);
  }

  /** Releases the folder: removes the lock file. The run's files stay. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file(LOCK));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the lock " + file(LOCK) + ": " + e.getMessage()
          + "; delete it by hand", e);
    }
  }

  /**
   * Removes everything this run wrote into its folder, and the folder itself when the run made it (an empty
   * folder the user gave stays, as it was). The run gives the folder up.
   *
   * @return what was done, for a message: {@code the run folder X was removed} or {@code the run folder X was
   *         emptied}
   * @throws UncheckedIOException when a file cannot be removed
   */
  public String discard() {
    try (Stream<Path> walk = Files.walk(path)) {
      List<Path> inside = walk.sorted(Comparator.reverseOrder()).filter(p -> made || !p.equals(path)).toList();
      for (Path p : inside) {
        Files.deleteIfExists(p);
      }
      return "the run folder " + path + (made ? " was removed" : " was emptied");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the run folder " + path + ": " + e.getMessage()
          + "; delete it by hand", e);
    }
  }

  private static RunDirectory explicit(Path out) {
    if (Files.isRegularFile(out)) {
      throw new RunDirectoryException("--out " + out + " is a file; give a folder that does not exist yet or "
          + "is empty");
    }
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new RunDirectory(Files.createDirectory(out), true);
    } catch (FileAlreadyExistsException taken) {
      if (!Files.isDirectory(out)) {
        throw new RunDirectoryException("--out " + out + " is a file; give a folder that does not exist yet or "
            + "is empty", taken);
      }
      requireEmpty(out);
      return new RunDirectory(out, false);
    } catch (IOException e) {
      throw new RunDirectoryException("--out " + out + ": cannot create it: " + e.getMessage()
          + "; give a folder in a place you can write", e);
    }
  }

  private static void requireEmpty(Path out) {
    long entries;
    try (Stream<Path> s = Files.list(out)) {
      entries = s.count();
    } catch (IOException e) {
      throw new RunDirectoryException("--out " + out + ": cannot list it: " + e.getMessage()
          + "; give a folder you can read and write", e);
    }
    if (Files.exists(out.resolve(LOCK))) {
      throw heldByAnotherRun("--out " + out, out);
    }
    if (entries > 0) {
      throw new RunDirectoryException("--out " + out + " already holds " + entries + " entr"
          + (entries == 1 ? "y" : "ies") + "; runs never overwrite each other, give a new or empty folder");
    }
  }

  /** Creates the lock file, exclusively: of two runs taking one folder, the second fails here. */
  private void lock(String what) {
    try {
      Files.createFile(file(LOCK));
    } catch (FileAlreadyExistsException e) {
      throw heldByAnotherRun(what, path);
    } catch (IOException e) {
      throw new RunDirectoryException(what + ": cannot write in it: " + e.getMessage()
          + "; give a folder in a place you can write", e);
    }
    if (!made) {
      try (Stream<Path> s = Files.list(path)) {
        if (s.anyMatch(p -> !p.getFileName().toString().equals(LOCK))) {
          close();
          throw new RunDirectoryException(what + " was written to by something else while this run took it; give a"
              + " new or empty folder");
        }
      } catch (IOException e) {
        throw new RunDirectoryException(what + ": cannot list it: " + e.getMessage(), e);
      }
    }
  }

  private static RunDirectoryException heldByAnotherRun(String what, Path folder) {
    return new RunDirectoryException(what + " is taken by another vae4j run (it holds " + folder.resolve(LOCK)
        + "); give another folder, or delete the lock if no run is using it");
  }

  private static RunDirectory fresh(String model, Path runsRoot, Clock clock) {
    String base = model.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + LocalDateTime.now(clock).format(STAMP);
    try {
      Files.createDirectories(runsRoot);
      for (int n = 1; ; n++) {
        Path candidate = runsRoot.resolve(n == 1 ? base : base + "-" + n);
        try {
          return new RunDirectory(Files.createDirectory(candidate), true);
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
