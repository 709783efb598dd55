package org.vae4j.serve.model;

import java.util.Locale;
import java.util.stream.Collectors;

/** An {@link Operation} asked of a model that does not have it; the message names what it does have. */
public final class UnsupportedOperation extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private UnsupportedOperation(String message) {
    super(message);
  }

  /** The error for {@code op} on {@code model}, with {@code why} (a sentence naming what to use instead). */
  public static UnsupportedOperation of(ServedModel model, Operation op, String why) {
    return new UnsupportedOperation(String.format(Locale.ROOT, "model %s has no %s: %s", model.kind(), op.route(),
        why));
  }

  /** The error for {@code op} on {@code model}. */
  public static UnsupportedOperation of(ServedModel model, Operation op) {
    String has = model.operations().stream().map(Operation::route).sorted().collect(Collectors.joining(", "));
    return new UnsupportedOperation(String.format(Locale.ROOT, "model %s has no %s; it serves %s", model.kind(),
        op.route(), has.isEmpty() ? "nothing" : has));
  }
}
