package org.vae4j.api.spi;

/** Reductions over a set of axes of a floating-point tensor. */
public enum ReduceOp implements Op {
  // constant  definition over the reduced axes
  SUM,      // sum of elements
  MAX,      // largest element
  MIN       // smallest element
}
