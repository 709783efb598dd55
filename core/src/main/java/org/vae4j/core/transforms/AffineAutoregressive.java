package org.vae4j.core.transforms;

import org.vae4j.api.Tensor;

/**
 * An autoregressive affine map of vectors whose shift and scale for coordinate i come from a {@link Made}
 * applied to the input's coordinates before i (and an optional context):
 * <ul>
 *   <li>{@link Form#AFFINE}: {@code y = shift(x) + exp(s(x)) x}, {@code log|det J| = sum s};
 *   <li>{@link Form#GATED}: {@code y = sigmoid(s(x)) x + (1 - sigmoid(s(x))) shift(x)}, the numerically stable
 *   update of the IAF paper, {@code log|det J| = sum log sigmoid(s)}.
 * </ul>
 *
 * <p>Used forward for sampling this is the inverse autoregressive flow (IAF, Kingma et al. 2016): one network
 * pass draws a sample and its density, and with a context from the encoder it is the IAF posterior of a
 * VAE. Its {@link #inverted() inverse} is the masked autoregressive flow (MAF, Papamakarios et al. 2017),
 * whose density at given points takes one pass. The inverse here is sequential: D network passes, each
 * fixing one more coordinate.
 */
public final class AffineAutoregressive implements Bijector {
  /** How shift and scale combine with x. */
  public enum Form {
    /** {@code y = shift + exp(s) x}. */
    AFFINE,
    /** {@code y = sigmoid(s) x + (1 - sigmoid(s)) shift}. */
    GATED
  }

  private final Made made;
  private final Tensor context;
  private final Form form;

  /**
   * @param context {@code (..., C)} for a MADE with context (broadcasting with x's leading axes), else null
   */
  public AffineAutoregressive(Made made, Tensor context, Form form) {
    this.made = made;
    this.context = context;
    this.form = form;
  }

  @Override
  public int eventDims() {
    return 1;
  }

  /** The shift {@code (..., D)} and scale logits {@code (..., D)} at x. */
  private Tensor[] shiftAndLogit(Tensor x) {
    Tensor out = made.forward(x, context);
    int d = made.dim();
    return new Tensor[] {out.slice(-1, 0, d), out.slice(-1, d, 2 * d)};
  }

  private Tensor apply(Tensor x, Tensor[] p) {
    return switch (form) {
      case AFFINE -> p[0].add(p[1].exp().mul(x));
      case GATED -> {
        Tensor gate = p[1].sigmoid();
        yield gate.mul(x).add(gate.rsub(1.0).mul(p[0]));
      }
    };
  }

  @Override
  public Tensor forward(Tensor x) {
    return apply(x, shiftAndLogit(x));
  }

  /** D passes: after pass i the first i + 1 coordinates of the result are exact. */
  @Override
  public Tensor inverse(Tensor y) {
    int d = made.dim();
    Tensor x = y.mul(0.0);
    for (int i = 0; i < d; i++) {
      Tensor[] p = shiftAndLogit(x);
      Tensor solved = switch (form) {
        case AFFINE -> y.sub(p[0]).mul(p[1].neg().exp());
        case GATED -> {
          Tensor gate = p[1].sigmoid();
          yield y.sub(gate.rsub(1.0).mul(p[0])).div(gate);
        }
      };
      Tensor head = solved.slice(-1, 0, i + 1);
      x = i + 1 == d ? head : org.vae4j.core.Tensors.concat(java.util.List.of(head, x.slice(-1, i + 1, d)), -1);
    }
    return x;
  }

  @Override
  public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
    Tensor logit = shiftAndLogit(x)[1];
    return switch (form) {
      case AFFINE -> logit.sum(-1);
      case GATED -> logit.neg().softplus().sum(-1).neg();
    };
  }

  @Override
  public String toString() {
    return "AffineAutoregressive(" + form + ", D " + made.dim() + (context == null ? "" : ", context") + ")";
  }
}
