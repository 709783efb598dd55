package org.vae4j.core.data;

/**
 * A data set could not be found or read. The message is one line for a person: it names the file or the
 * {@code --data} value, what was found, and what to do.
 */
public class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with its one-line message. */
  public DatasetException(String message) {
    super(message);
  }

  /** An error with its one-line message and the I/O error behind it. */
  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
