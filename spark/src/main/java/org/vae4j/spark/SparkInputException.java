package org.vae4j.spark;

/**
 * Bad input to a Spark job of vae4j (a master that cannot be reached, too few task slots, a table without
 * the image column, rows of the wrong length, an output that exists): one line naming the thing, the value
 * and the fix. The command line prints it and exits with code 2.
 */
public class SparkInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The failure described by {@code message}. */
  public SparkInputException(String message) {
    super(message);
  }

  /** The failure described by {@code message}, caused by {@code cause}. */
  public SparkInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
