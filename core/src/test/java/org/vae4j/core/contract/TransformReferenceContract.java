package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.distributions.TransformedDistribution;
import org.vae4j.core.transforms.Bijector;

/**
 * Every bijector's forward map, inverse and log|det J|, and TransformedDistribution's log_prob, against
 * reference/transforms.json (torch.distributions.transforms for the elementwise bijectors; the flows written
 * in torch with log|det J| from autograd's full Jacobian), with {@link ReferenceComparison}'s tolerances.
 */
public abstract class TransformReferenceContract extends BackendTestSupport {

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void everyBijectorMatchesTheReference(DType dtype) {
    if (dtype == DType.FLOAT64) {
      assumeFloat64();
    }
    SoftAssertions soft = new SoftAssertions();
    List<String> checked = new ArrayList<>();
    int expected = 0;
    try (Scope s = Scope.open(); TransformReferences refs = new TransformReferences(f(), dtype)) {
      int index = 0;
      for (JsonObject c : TransformReferences.bijectorCases()) {
        String what = c.get("bijector").getAsString() + " case " + index++;
        if (!DistributionReferences.checkedIn(c, dtype)) {
          continue;
        }
        Bijector b = refs.build(c);
        Tensor x = refs.tensor(c.get("x"));
        Tensor y = b.forward(x);
        ReferenceComparison.check(soft, what + " forward", c.get("y"), y, dtype);
        ReferenceComparison.check(soft, what + " log|det J|", c.get("log_det"), b.logAbsDetJacobian(x, y), dtype);
        checked.add(what);
        expected++;
        if (c.has("inverse_of")) {
          Tensor inverse = b.inverse(refs.tensor(c.get("inverse_of")));
          ReferenceComparison.check(soft, what + " inverse", c.get("inverse"), inverse, dtype);
          ReferenceComparison.check(soft, what + " inverted().forward", c.get("inverse"),
              b.inverted().forward(refs.tensor(c.get("inverse_of"))), dtype);
        }
      }
    }
    soft.assertAll();
    assertThat(checked).hasSize(expected).hasSizeGreaterThanOrEqualTo(dtype == DType.FLOAT64 ? 16 : 15);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void transformedDistributionsMatchTheReference(DType dtype) {
    if (dtype == DType.FLOAT64) {
      assumeFloat64();
    }
    SoftAssertions soft = new SoftAssertions();
    int n = 0;
    try (Scope s = Scope.open(); TransformReferences refs = new TransformReferences(f(), dtype)) {
      for (JsonObject c : TransformReferences.transformedCases()) {
        Distribution base = DistributionReferences.build(f(), c.getAsJsonObject("base"), dtype);
        List<Bijector> bijectors = new ArrayList<>();
        c.getAsJsonArray("bijectors").forEach(e -> bijectors.add(refs.build(e.getAsJsonObject())));
        TransformedDistribution d = new TransformedDistribution(base, bijectors);
        ReferenceComparison.check(soft, d.family() + " log_prob", c.get("log_prob"), d.logProb(refs.tensor(c.get("x"))),
            dtype);
        n++;
      }
    }
    soft.assertAll();
    assertThat(n).isEqualTo(TransformReferences.transformedCases().size()).isGreaterThanOrEqualTo(3);
  }
}
