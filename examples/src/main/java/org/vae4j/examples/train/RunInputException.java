package org.vae4j.examples.train;

/**
 * The options of a run do not suit its model or data (a convolutional model on images that are not 28x28, a
 * PixelCNN without its VQ-VAE, ...). The message is one line naming the value and the fix; the command line
 * reports it as a usage error.
 */
public class RunInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An error with its one-line message. */
  public RunInputException(String message) {
    super(message);
  }

  /** An error with its one-line message and what caused it. */
  public RunInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
