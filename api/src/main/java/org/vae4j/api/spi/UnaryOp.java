package org.vae4j.api.spi;

/**
 * Elementwise functions of one floating-point tensor; the result has the input's shape and dtype.
 * Each constant has exactly one entry in {@code org.vae4j.core.autodiff.GradientTable}: a gradient rule,
 * a declared zero gradient, or a declared missing rule (an error when a gradient would flow through it).
 */
public enum UnaryOp implements Op {
  // constant    mathematical definition
  NEG,        // -x
  EXP,        // e^x
  LOG,        // ln x
  LOG1P,      // ln(1 + x)
  EXPM1,      // e^x - 1
  SQRT,       // sqrt(x)
  SQUARE,     // x^2
  RECIPROCAL, // 1 / x
  ABS,        // |x|
  SIGN,       // -1, 0, 1
  FLOOR,      // largest integer <= x
  RELU,       // max(x, 0)
  SIGMOID,    // 1 / (1 + e^-x), stable for large |x|
  TANH,       // tanh x
  SOFTPLUS,   // ln(1 + e^x), stable: max(x, 0) + log1p(e^-|x|)
  LGAMMA,     // ln |Gamma(x)|
  DIGAMMA,    // d/dx ln Gamma(x)
  TRIGAMMA,   // d^2/dx^2 ln Gamma(x)
  ERF         // 2/sqrt(pi) * integral_0^x e^(-t^2) dt
}
