package org.vae4j.api.spi;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Elementwise functions of two tensors of one dtype, with NumPy broadcasting; the result has the
 * broadcast shape and the inputs' dtype. Comparisons give 1 or 0. Backends accept FLOAT32 and FLOAT64
 * for all, and INT32 for {@link #ACCEPTS_INT32}.
 */
public enum BinaryOp implements Op {
  // constant  definition
  ADD,      // a + b
  SUB,      // a - b
  MUL,      // a * b
  DIV,      // a / b
  POW,      // a ^ b
  MAX,      // max(a, b)
  MIN,      // min(a, b)
  EQ,       // a == b
  NE,       // a != b
  LT,       // a < b
  LE,       // a <= b
  GT,       // a > b
  GE;       // a >= b

  /** The comparisons: their results are 1 or 0 and carry no gradient. */
  public static final Set<BinaryOp> COMPARISONS = Collections.unmodifiableSet(EnumSet.of(EQ, NE, LT, LE, GT, GE));

  /** The ops defined on INT32 operands: ADD, SUB, MUL and the comparisons. */
  public static final Set<BinaryOp> ACCEPTS_INT32 =
      Collections.unmodifiableSet(EnumSet.of(ADD, SUB, MUL, EQ, NE, LT, LE, GT, GE));

  /** True for the {@link #COMPARISONS}. */
  public boolean isComparison() {
    return COMPARISONS.contains(this);
  }
}
