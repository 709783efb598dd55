package org.vae4j.api.spi;

/**
 * The primitives that are not elementwise or reductions: one {@link Kernels} method each (ARG_REDUCE is
 * {@link Kernels#argReduce}; LINEAR and BCE_WITH_LOGITS are the optional fused kernels of their
 * {@link Capability}). The second column is what the tape records with the op besides its inputs.
 */
public enum StructuralOp implements Op {
  // constant               recorded attributes; inputs
  WHERE,                    // none; inputs (condition, ifTrue, ifFalse)
  ARG_REDUCE,               // ReduceOp and axis; not differentiable
  RESHAPE,                  // none
  PERMUTE,                  // int[] axes
  EXPAND,                   // none
  SLICE,                    // int[][] {begin, end}
  PAD,                      // int[][] {before, after}
  CONCAT,                   // Integer axis
  GATHER,                   // Integer axis; inputs (x, index)
  SCATTER_ADD,              // Integer axis; inputs (src, index); output shape is the node's
  CAST,                     // none
  MATMUL,                   // boolean[] {transposeA, transposeB}
  CONV2D,                   // Conv2dSpec; inputs (input, weight)
  CONV2D_BACKWARD_INPUT,    // Conv2dSpec; inputs (gradOutput, weight)
  CONV2D_BACKWARD_WEIGHT,   // Conv2dSpec; inputs (input, gradOutput)
  LINEAR,                   // none; inputs (x (n, in), weight (out, in)[, bias (out)]); the fused kernel
  BCE_WITH_LOGITS,          // none; inputs (logits, targets) of one shape; the fused kernel
  LOG_SOFTMAX               // none; inputs (x); along the last axis, the fused kernel
}
