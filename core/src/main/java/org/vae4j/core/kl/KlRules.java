package org.vae4j.core.kl;

import org.vae4j.api.Tensor;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.Independent;
import org.vae4j.core.distributions.Normal;

/**
 * The built-in analytic KL rules, formulas as in {@code torch.distributions.kl}, computed from logits and
 * standardised differences so that they stay finite at {@code |logit| = 100} and at extreme scales.
 */
final class KlRules {
  private KlRules() {
  }

  static void registerDefaults() {
    // Rules table. Schema: one row per pair of families,
    //   KlRegistry.register(P.class, Q.class, (p, q) -> KL(p || q))
    // where the lambda returns a tensor of the broadcast batch shape of p and q and may throw
    // IllegalArgumentException when the pair is incompatible. Most specific pair wins at lookup.
    KlRegistry.register(Normal.class, Normal.class, KlRules::normalNormal);
    KlRegistry.register(Independent.class, Independent.class, KlRules::independent);
    KlRegistry.register(Bernoulli.class, Bernoulli.class, KlRules::bernoulli);
  }

  /** {@code 0.5 (r + t - 1 - log r)}, r = (sp / sq)^2, t = ((mp - mq) / sq)^2. */
  static Tensor normalNormal(Normal p, Normal q) {
    Tensor ratio = p.scale().div(q.scale()).square();
    Tensor t = p.loc().sub(q.loc()).div(q.scale()).square();
    return ratio.add(t).sub(1.0).sub(ratio.log()).mul(0.5);
  }

  /** The base KL summed over the reinterpreted axes; both must reinterpret the same number. */
  static Tensor independent(Independent p, Independent q) {
    if (p.reinterpretedBatchDims() != q.reinterpretedBatchDims()) {
      throw new IllegalArgumentException("KL(" + p.family() + " || " + q.family() + "): the two reinterpret "
          + p.reinterpretedBatchDims() + " and " + q.reinterpretedBatchDims() + " batch axes; both must"
          + " reinterpret the same number");
    }
    return Independent.sumRightmost(KlRegistry.kl(p.base(), q.base()), p.reinterpretedBatchDims());
  }

  /**
   * {@code sigmoid(lp) (softplus(-lq) - softplus(-lp)) + sigmoid(-lp) (softplus(lq) - softplus(lp))}:
   * log p = -softplus(-l) and log(1 - p) = -softplus(l), exact for any logit.
   */
  static Tensor bernoulli(Bernoulli p, Bernoulli q) {
    Tensor lp = p.logits();
    Tensor lq = q.logits();
    Tensor t1 = lp.sigmoid().mul(lq.neg().softplus().sub(lp.neg().softplus()));
    Tensor t2 = lp.neg().sigmoid().mul(lq.softplus().sub(lp.softplus()));
    return t1.add(t2);
  }
}
