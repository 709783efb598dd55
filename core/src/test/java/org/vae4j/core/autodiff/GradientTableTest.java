package org.vae4j.core.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Op;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.StructuralOp;
import org.vae4j.api.spi.UnaryOp;

class GradientTableTest {

  @Test
  void everyPrimitiveHasExactlyOneEntry() {
    List<Op> ops = Op.all();
    assertThat(ops).hasSize(UnaryOp.values().length + BinaryOp.values().length + ReduceOp.values().length
        + StructuralOp.values().length);
    for (Op op : ops) {
      int entries = (GradientTable.hasRule(op) ? 1 : 0) + (GradientTable.hasZeroGradient(op) ? 1 : 0)
          + (GradientTable.isNotImplemented(op) ? 1 : 0);
      assertThat(entries).as("%s must have exactly one of: a gradient rule, a zero gradient, a declared missing"
          + " rule", op).isEqualTo(1);
    }
  }

  @Test
  void onlyOpsWhoseDerivativeIsZeroRecordNothing() {
    assertThat(GradientTable.hasZeroGradient(UnaryOp.SIGN)).isTrue();
    assertThat(GradientTable.hasZeroGradient(UnaryOp.FLOOR)).isTrue();
    assertThat(GradientTable.hasZeroGradient(BinaryOp.LT)).isTrue();
    assertThat(GradientTable.hasZeroGradient(StructuralOp.ARG_REDUCE)).isTrue();
    assertThat(GradientTable.hasRule(UnaryOp.DIGAMMA)).as("digamma's gradient is trigamma").isTrue();
    assertThat(GradientTable.hasRule(UnaryOp.ERF)).isTrue();
    assertThat(GradientTable.isNotImplemented(UnaryOp.TRIGAMMA)).isTrue();
  }
}
