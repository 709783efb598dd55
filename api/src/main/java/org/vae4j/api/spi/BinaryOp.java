package org.vae4j.api.spi;

/**
 * Elementwise functions of two tensors of one dtype, with NumPy broadcasting; the result has the
 * broadcast shape and the inputs' dtype. Comparisons give 1 or 0. Backends accept FLOAT32 and FLOAT64
 * for all, and INT32 for ADD, SUB, MUL and the comparisons.
 */
public enum BinaryOp {
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

  /** True for the comparisons, whose results carry no gradient. */
  public boolean isComparison() {
    return ordinal() >= EQ.ordinal();
  }
}
