package org.vae4j.core.distributions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.vae4j.api.DType;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;

/**
 * Several validation checks of one family run together: the conditions are combined on the device and read
 * with one host transfer when every value is valid (the usual case, once per distribution built in a
 * training step); only when one fails are they examined in order, so the first failing check names its
 * parameter, value and index exactly as {@link Validation#check} does. Nothing is computed while
 * validation is off. Use once, in one expression: {@code ParameterChecks.of("Normal").finite("loc",
 * loc).run()}; {@link #run()} closes the condition tensors it made.
 */
final class ParameterChecks {
  private record Entry(String name, Tensor ok, Tensor values, String requirement) {
  }

  private final String family;
  private final boolean enabled = Validation.isEnabled();
  private final List<Entry> entries = new ArrayList<>();

  private ParameterChecks(String family) {
    this.family = family;
  }

  static ParameterChecks of(String family) {
    return new ParameterChecks(family);
  }

  /** Requires {@code ok} (a 0/1 tensor the caller made, which run() closes) nonzero everywhere. */
  ParameterChecks require(String name, Tensor ok, Tensor values, String requirement) {
    if (enabled) {
      entries.add(new Entry(name, ok, values, requirement));
    }
    return this;
  }

  private ParameterChecks add(String name, Tensor values, String requirement, Function<Tensor, Tensor> condition) {
    if (enabled) {
      try (Scope s = Scope.open(); NoGrad ng = NoGrad.enter()) {
        entries.add(new Entry(name, condition.apply(values).keep(), values, requirement));
      }
    }
    return this;
  }

  ParameterChecks finite(String name, Tensor values) {
    return add(name, values, "finite", Validation::isFinite);
  }

  ParameterChecks positive(String name, Tensor values) {
    return add(name, values, "> 0", v -> v.gt(v.factory().scalar(0.0, v.dtype())));
  }

  /** {@code > 0}, then finite. */
  ParameterChecks positiveFinite(String name, Tensor values) {
    return positive(name, values).finite(name, values);
  }

  ParameterChecks nonNegative(String name, Tensor values) {
    return add(name, values, ">= 0", v -> v.ge(v.factory().scalar(0.0, v.dtype())));
  }

  /**
   * Runs the checks.
   *
   * @throws IllegalArgumentException for the first failing check, as {@link Validation#check}
   */
  void run() {
    if (!enabled || entries.isEmpty()) {
      return;
    }
    try {
      double all;
      try (Scope s = Scope.open(); NoGrad ng = NoGrad.enter()) {
        Tensor product = null;
        for (Entry e : entries) {
          Tensor ok = e.ok().dtype().isFloatingPoint() ? e.ok() : e.ok().cast(DType.FLOAT32);
          Tensor min = ok.size() == 0 ? ok.factory().scalar(1.0, ok.dtype()) : ok.min();
          Tensor same = product == null || min.dtype() == product.dtype() ? min : min.cast(product.dtype());
          product = product == null ? same : product.mul(same);
        }
        all = product.item();
      }
      if (all == 0.0) {
        for (Entry e : entries) {
          Validation.check(family, e.name(), e.ok(), e.values(), e.requirement());
        }
      }
    } finally {
      entries.forEach(e -> e.ok().close());
    }
  }
}
