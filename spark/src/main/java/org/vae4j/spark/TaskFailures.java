package org.vae4j.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, in a failed Spark job's exception, the one-line reason a vae4j task gave (Spark reports a task's
 * exception as text inside its own, together with scheduler detail and stack traces).
 */
public final class TaskFailures {
  private static final Pattern REASON = Pattern.compile(
      "(?m)(org\\.vae4j\\.[\\w.$]+|java\\.lang\\.Illegal\\w+Exception|java\\.io\\.\\w+Exception"
          + "|java\\.io\\.UncheckedIOException|java\\.lang\\.UnsupportedOperationException): (.+)$");
  /** Exceptions that report the user's input, by simple name. */
  private static final java.util.Set<String> INPUT = java.util.Set.of("SparkInputException", "PortTakenException",
      "RunInputException", "RunDirectoryException", "DatasetException", "BackendSelectionException");

  /**
   * A task's reason.
   *
   * @param type    the exception's class name
   * @param message its message
   */
  public record Reason(String type, String message) {
    /** True when the reason is the user's input (a setting, a table, a run folder), not a failure. */
    public boolean isInput() {
      return INPUT.contains(type.substring(type.lastIndexOf('.') + 1));
    }
  }

  private TaskFailures() {
  }

  /** The reason of the first vae4j (or argument, state, I/O) exception in {@code failure}, or null. */
  public static Reason reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getClass().getName().startsWith("org.vae4j.") && t.getMessage() != null) {
        return new Reason(t.getClass().getName(), t.getMessage());
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        Matcher m = REASON.matcher(t.getMessage());
        if (m.find()) {
          return new Reason(m.group(1), m.group(2).strip());
        }
      }
    }
    return null;
  }
}
