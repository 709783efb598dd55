package org.vae4j.core.linalg;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Tensors;

/**
 * Lower-triangular matrices as tensors {@code (..., D, D)} (leading batch axes broadcast): the Cholesky
 * factor, forward substitution, diagonals, identities and masks. Every function is written with tensor
 * ops (slices, elementwise arithmetic, sums), O(D) of them, so results are differentiable by the tape on any
 * backend; no backend kernel is needed. Stateless and thread-safe.
 */
public final class Triangular {
  private Triangular() {
  }

  /** The identity {@code (D, D)} of {@code dtype}. */
  public static Tensor eye(TensorFactory f, int d, DType dtype) {
    double[] v = new double[d * d];
    for (int i = 0; i < d; i++) {
      v[i * d + i] = 1;
    }
    return f.of(v, Shape.of(d, d), dtype);
  }

  /** 1 strictly above the diagonal, 0 on and below it, {@code (D, D)}. */
  public static Tensor upperMask(TensorFactory f, int d, DType dtype) {
    double[] v = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        v[i * d + j] = 1;
      }
    }
    return f.of(v, Shape.of(d, d), dtype);
  }

  /** The diagonal {@code (..., D)} of {@code (..., D, D)}. */
  public static Tensor diagonal(Tensor a) {
    requireSquare("diagonal", a);
    return a.mul(eye(a.factory(), a.dim(-1), a.dtype())).sum(-1);
  }

  /** {@code (..., D, D)} with {@code v (..., D)} on the diagonal. */
  public static Tensor diagonalMatrix(Tensor v) {
    return v.unsqueeze(-1).mul(eye(v.factory(), v.dim(-1), v.dtype()));
  }

  /** The strictly lower part of {@code a} plus {@code diagonal (..., D)} on its diagonal. */
  public static Tensor withDiagonal(Tensor a, Tensor diagonal) {
    requireSquare("withDiagonal", a);
    Tensor strictLower = a.mul(upperMask(a.factory(), a.dim(-1), a.dtype()).add(eye(a.factory(), a.dim(-1),
        a.dtype())).rsub(1.0));
    return strictLower.add(diagonalMatrix(diagonal));
  }

  /**
   * Solves {@code L z = b} by forward substitution: L {@code (..., D, D)} lower triangular with nonzero
   * diagonal, b {@code (..., D)}; the leading axes broadcast; result of the broadcast shape. Only the lower
   * triangle of L is read.
   */
  public static Tensor solveLower(Tensor l, Tensor b) {
    requireSquare("solveLower", l);
    int d = l.dim(-1);
    if (b.rank() < 1 || b.dim(-1) != d) {
      throw new IllegalArgumentException("solveLower: b " + b.shape() + " must end with the matrix size " + d
          + " of L " + l.shape());
    }
    Tensor diag = diagonal(l);
    List<Tensor> z = new ArrayList<>();
    Tensor done = null;
    for (int i = 0; i < d; i++) {
      Tensor bi = b.slice(-1, i, i + 1);
      if (i > 0) {
        Tensor row = l.slice(-2, i, i + 1).squeeze(-2).slice(-1, 0, i);
        bi = bi.sub(done.mul(row).sum(new int[] {-1}, true));
      }
      Tensor zi = bi.div(diag.slice(-1, i, i + 1));
      z.add(zi);
      done = Tensors.concat(z, -1);
    }
    return done;
  }

  /**
   * Solves {@code L X = B} for matrices: {@code X = L^-1 B}, with B {@code (..., D, M)}; one
   * {@link #solveLower} per column (the columns ride on a new batch axis).
   */
  public static Tensor solveLowerMatrix(Tensor l, Tensor bMatrix) {
    Tensor columns = bMatrix.transpose(-1, -2);          // (..., M, D): one right-hand side per row
    return solveLower(l.unsqueeze(-3), columns).transpose(-1, -2);
  }

  /**
   * The Cholesky factor L (lower, positive diagonal) of a symmetric positive-definite {@code a (..., D, D)},
   * column by column (Cholesky-Banachiewicz): differentiable, O(D) tensor ops. Only the lower triangle of
   * {@code a} is read. Where {@code a} is not positive definite the factor holds NaN; see {@link #pivots}.
   */
  public static Tensor cholesky(Tensor a) {
    return factor(a, false);
  }

  /**
   * The pivots {@code (..., D)} of the Cholesky factorization of {@code a}: the squares of L's diagonal, all
   * {@code > 0} exactly when {@code a} is positive definite.
   */
  public static Tensor pivots(Tensor a) {
    return factor(a, true);
  }

  private static Tensor factor(Tensor a, boolean pivotsOnly) {
    requireSquare("cholesky", a);
    int d = a.dim(-1);
    List<Tensor> columns = new ArrayList<>();
    List<Tensor> pivots = new ArrayList<>();
    Tensor l = null;
    for (int j = 0; j < d; j++) {
      Tensor v = a.slice(-1, j, j + 1);                       // (..., D, 1)
      if (j > 0) {
        Tensor rowJ = l.slice(-2, j, j + 1);                  // (..., 1, j)
        v = v.sub(l.mul(rowJ).sum(new int[] {-1}, true));     // a_ij - sum_k L_ik L_jk
      }
      Tensor pivot = v.slice(-2, j, j + 1);                   // (..., 1, 1)
      pivots.add(pivot.squeeze(-1));
      Tensor below = rowMask(a, j);
      columns.add(v.mul(below).div(pivot.sqrt()));
      l = Tensors.concat(columns, -1);
    }
    return pivotsOnly ? Tensors.concat(pivots, -1) : l;
  }

  /** {@code (D, 1)}: 1 for rows {@code >= j}. */
  private static Tensor rowMask(Tensor a, int j) {
    int d = a.dim(-1);
    double[] v = new double[d];
    for (int i = j; i < d; i++) {
      v[i] = 1;
    }
    return a.factory().of(v, Shape.of(d, 1), a.dtype());
  }

  private static void requireSquare(String op, Tensor a) {
    if (a.rank() < 2 || a.dim(-1) != a.dim(-2)) {
      throw new IllegalArgumentException(op + ": expected square matrices (..., D, D), got shape " + a.shape());
    }
  }
}
