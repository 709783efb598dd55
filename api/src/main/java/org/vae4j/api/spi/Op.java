package org.vae4j.api.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One primitive operation of vae4j's closed vocabulary: every op a backend computes and the tape records.
 * The groups are the enums permitted here, each dispatched by one exhaustive {@code switch} per backend, so
 * that a new constant without a case does not compile:
 * <ul>
 *   <li>{@link UnaryOp}: elementwise functions of one tensor ({@link Kernels#unary});</li>
 *   <li>{@link BinaryOp}: elementwise functions of two tensors with broadcasting ({@link Kernels#binary});</li>
 *   <li>{@link ReduceOp}: reductions over axes and arg-reductions ({@link Kernels#reduce},
 *       {@link Kernels#argReduce});</li>
 *   <li>{@link StructuralOp}: every other kernel (selection, movement, linear algebra, fused kernels).</li>
 * </ul>
 * Each op has exactly one entry in {@code org.vae4j.core.autodiff.GradientTable}.
 */
public sealed interface Op permits UnaryOp, BinaryOp, ReduceOp, StructuralOp {

  /** The constant's name, as {@link Enum#name()}. */
  String name();

  /** Every op of every group, group by group in declaration order. */
  static List<Op> all() {
    List<Op> ops = new ArrayList<>();
    for (Class<?> group : Op.class.getPermittedSubclasses()) {
      for (Object constant : group.getEnumConstants()) {
        ops.add((Op) constant);
      }
    }
    return Collections.unmodifiableList(ops);
  }
}
