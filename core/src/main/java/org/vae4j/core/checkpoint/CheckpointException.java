package org.vae4j.core.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file that cannot be used: truncated, corrupt, not safetensors, or not fitting the model
 * or optimizer it is loaded into. The message names the file and every problem found.
 */
public class CheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /** A problem with {@code file} (may be null for a checkpoint never written to disk). */
  public CheckpointException(Path file, String problem) {
    super((file == null ? "checkpoint (in memory)" : "checkpoint " + file) + ": " + problem);
    this.file = file;
  }

  /** A problem with {@code file} caused by {@code cause}. */
  public CheckpointException(Path file, String problem, Throwable cause) {
    this(file, problem);
    initCause(cause);
  }

  /** The file concerned, or null. */
  public Path file() {
    return file;
  }
}
