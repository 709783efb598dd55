package org.vae4j.examples.run;

/** An output folder cannot be used; the message is one line naming the folder and what to do. */
public class RunDirectoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with its one-line message. */
  public RunDirectoryException(String message) {
    super(message);
  }

  /** An error with its one-line message and the I/O error behind it. */
  public RunDirectoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
