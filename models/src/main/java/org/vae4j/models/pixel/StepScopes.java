package org.vae4j.models.pixel;

import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.nn.LstmCell;

/**
 * Memory of the recurrent layers' loops. While gradients are recorded every step's intermediate tensors must
 * live until the backward pass; without recording (evaluation, {@code NoGrad}) each step runs in its own scope
 * and keeps only its new state, so a pass holds one step's intermediates at a time.
 */
final class StepScopes {
  private StepScopes() {
  }

  /** A scope for one step when nothing is recorded, else null (nothing to close). */
  static Scope scope() {
    return NoGrad.isRecording() ? null : Scope.open();
  }

  /** The step's new state, taken out of {@code step} (when there is one) into the enclosing scope. */
  static LstmCell.State keep(Scope step, LstmCell.State s) {
    if (step != null) {
      Scope.keep(s.h());
      Scope.keep(s.c());
    }
    return s;
  }
}
