package org.vae4j.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, in a failed Spark job's exception, the one-line reason a vae4j task gave (Spark reports a task's
 * exception as text inside its own, together with scheduler detail and stack traces).
 */
public final class TaskFailures {
  private static final Pattern REASON = Pattern.compile(
      "(?m)(?:org\\.vae4j\\.[\\w.$]+|java\\.lang\\.Illegal\\w+Exception|java\\.io\\.\\w+Exception"
          + "|java\\.io\\.UncheckedIOException|java\\.lang\\.UnsupportedOperationException): (.+)$");

  private TaskFailures() {
  }

  /** The reason of the first vae4j (or argument, state, I/O) exception in {@code failure}, or null. */
  public static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getClass().getName().startsWith("org.vae4j.") && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        Matcher m = REASON.matcher(t.getMessage());
        if (m.find()) {
          return m.group(1).strip();
        }
      }
    }
    return null;
  }
}
