package org.vae4j.core;

/**
 * No backend could be selected: none on the class path, an unknown name was asked for, or the one asked for
 * failed to start. The message lists what was found, why each failed and which artifacts to add.
 */
public class BackendSelectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackendSelectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
