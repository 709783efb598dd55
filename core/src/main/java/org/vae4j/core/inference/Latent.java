package org.vae4j.core.inference;

import java.util.regex.Pattern;
import org.vae4j.api.Shape;
import org.vae4j.core.transforms.Bijector;
import org.vae4j.core.transforms.Bijectors;

/**
 * A named latent variable of a {@link JointModel}: its shape (one draw) and its support. The automatic guides
 * work in the unconstrained space and map into the support with the support's bijector (ADVI's transform,
 * Kucukelbir et al. 2017), adding its log-determinant to the guide's density.
 *
 * @param name    unique within the model
 * @param shape   of one draw, {@code ()} for a scalar
 * @param support where the values live
 */
public record Latent(String name, Shape shape, Support support) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Where a latent's values live, and the bijector from the real line onto it. */
  public enum Support {
    /** All reals: the identity. */
    REAL,
    /** {@code (0, inf)}: {@code exp}. */
    POSITIVE,
    /** {@code (0, 1)}: {@code sigmoid}. */
    UNIT_INTERVAL;

    /** The map from unconstrained values onto the support, or null for the identity. */
    public Bijector bijector() {
      return switch (this) {
        case REAL -> null;
        case POSITIVE -> Bijectors.exp();
        case UNIT_INTERVAL -> Bijectors.sigmoid();
      };
    }
  }

  public Latent {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Latent: name must be an identifier (letters, digits, _), got " + name);
    }
    if (shape == null || support == null) {
      throw new IllegalArgumentException("Latent " + name + ": shape and support must not be null");
    }
  }

  /** A real-valued latent of {@code shape}. */
  public static Latent real(String name, int... shape) {
    return new Latent(name, Shape.of(shape), Support.REAL);
  }

  /** A positive latent of {@code shape}. */
  public static Latent positive(String name, int... shape) {
    return new Latent(name, Shape.of(shape), Support.POSITIVE);
  }

  /** A latent in (0, 1) of {@code shape}. */
  public static Latent unitInterval(String name, int... shape) {
    return new Latent(name, Shape.of(shape), Support.UNIT_INTERVAL);
  }

  /** Number of scalar coordinates. */
  public int size() {
    return shape.sizeAsInt();
  }
}
