package org.vae4j.examples.train;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.Module;
import org.vae4j.examples.interop.TorchInterop;

/** {@code vae4j train --init-from}: a new run's parameters copied from a state dict before training. */
final class InitialParameters {
  private static final Logger LOG = LoggerFactory.getLogger(InitialParameters.class);

  private InitialParameters() {
  }

  /**
   * Copies the state dict {@code file} into {@code model} (see {@link TorchInterop#importInto}).
   *
   * @throws RunInputException naming the file and every tensor that does not fit
   */
  static void load(Module model, Path file, Path names) {
    try {
      TorchInterop.importInto(model, file, names);
    } catch (IOException | IllegalArgumentException e) {
      throw new RunInputException("--init-from " + file + ": " + e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ")
          + "; give a state dict of this model (its --latent and --hidden as trained)"
          + (names == null ? " or its name rules with --init-names" : ""));
    }
    LOG.debug("parameters from {}", file);
  }
}
