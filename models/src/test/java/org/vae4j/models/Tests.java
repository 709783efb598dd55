package org.vae4j.models;

import org.vae4j.api.TensorFactory;
import org.vae4j.backend.pure.PureBackend;
import org.vae4j.core.Tensors;

/** The pure-Java backend the model tests run on. */
final class Tests {
  private static final PureBackend BACKEND = new PureBackend();

  private Tests() {
  }

  static TensorFactory pure() {
    return Tensors.on(BACKEND.kernels(BACKEND.defaultDevice()));
  }
}
