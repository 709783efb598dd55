package org.vae4j.core.autodiff;

/**
 * The recorded primitives that are not elementwise or reductions. Together with
 * {@link org.vae4j.api.spi.UnaryOp}, {@link org.vae4j.api.spi.BinaryOp} and
 * {@link org.vae4j.api.spi.ReduceOp} they are every op a {@link Node} can hold, and each has one row in
 * {@link GradientTable}.
 */
public enum StructuralOp {
  // constant               node attributes
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
  BCE_WITH_LOGITS           // none; inputs (logits, targets) of one shape; the fused kernel
}
