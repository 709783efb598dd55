package org.vae4j.core.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;

class GradientTableTest {

  @Test
  void everyPrimitiveHasExactlyOneRowOrIsDeclaredNotDifferentiable() {
    List<Enum<?>> ops = new ArrayList<>();
    ops.addAll(List.of(UnaryOp.values()));
    ops.addAll(List.of(BinaryOp.values()));
    ops.addAll(List.of(ReduceOp.values()));
    ops.addAll(List.of(StructuralOp.values()));
    for (Enum<?> op : ops) {
      assertThat(GradientTable.hasRule(op) ^ GradientTable.isNotDifferentiable(op))
          .as("%s must have a gradient rule or be declared not differentiable (not both)", op)
          .isTrue();
    }
  }
}
