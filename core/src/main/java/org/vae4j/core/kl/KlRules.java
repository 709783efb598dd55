package org.vae4j.core.kl;

import org.vae4j.api.Tensor;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.Categorical;
import org.vae4j.core.distributions.ContinuousBernoulli;
import org.vae4j.core.distributions.Independent;
import org.vae4j.core.distributions.Laplace;
import org.vae4j.core.distributions.LogNormal;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.distributions.OneHotCategorical;
import org.vae4j.core.distributions.Uniform;

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
    KlRegistry.register(Categorical.class, Categorical.class, KlRules::categorical);
    KlRegistry.register(OneHotCategorical.class, OneHotCategorical.class,
        (p, q) -> categorical(p.categorical(), q.categorical()));
    KlRegistry.register(Laplace.class, Laplace.class, KlRules::laplace);
    KlRegistry.register(LogNormal.class, LogNormal.class, (p, q) -> normalNormal(p.base(), q.base()));
    KlRegistry.register(ContinuousBernoulli.class, ContinuousBernoulli.class, KlRules::continuousBernoulli);
    KlRegistry.register(Uniform.class, Uniform.class, KlRules::uniform);
    KlRegistry.register(Normal.class, Laplace.class, KlRules::normalLaplace);
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

  /** {@code sum_k p_k (log p_k - log q_k)} over the last axis, from normalised logits. */
  static Tensor categorical(Categorical p, Categorical q) {
    requireSameK(p.numCategories(), q.numCategories());
    return p.probs().mul(p.logits().sub(q.logits())).sum(-1);
  }

  private static void requireSameK(int kp, int kq) {
    if (kp != kq) {
      throw new IllegalArgumentException("KL(Categorical || Categorical): p has " + kp + " categories and q has "
          + kq + "; they must be equal");
    }
  }

  /** {@code -log(sp / sq) + |mp - mq| / sq + (sp / sq) exp(-|mp - mq| / sp) - 1}. */
  static Tensor laplace(Laplace p, Laplace q) {
    Tensor ratio = p.scale().div(q.scale());
    Tensor diff = p.loc().sub(q.loc()).abs();
    return ratio.log().neg().add(diff.div(q.scale())).add(ratio.mul(diff.div(p.scale()).neg().exp())).sub(1.0);
  }

  /**
   * {@code mean_p (lp - lq) + log C_p - softplus(lp) - log C_q + softplus(lq)}, where
   * {@code log(1 - prob) = -softplus(l)}.
   */
  static Tensor continuousBernoulli(ContinuousBernoulli p, ContinuousBernoulli q) {
    Tensor t1 = p.mean().mul(p.logits().sub(q.logits()));
    Tensor t2 = p.logNormalizer().sub(p.logits().softplus());
    Tensor t3 = q.logNormalizer().neg().add(q.logits().softplus());
    return t1.add(t2).add(t3);
  }

  /**
   * {@code log((hq - lq) / (hp - lp))} where p's support lies inside q's, {@code +inf} where it does not
   * (as PyTorch).
   */
  static Tensor uniform(Uniform p, Uniform q) {
    Tensor result = q.high().sub(q.low()).div(p.high().sub(p.low())).log();
    Tensor outside = q.low().gt(p.low()).add(q.high().lt(p.high()));
    Tensor inf = result.factory().scalar(Double.POSITIVE_INFINITY, result.dtype());
    return outside.where(inf, result);
  }

  /**
   * {@code -log(sp / sq) + (sqrt(2 / pi) sp exp(-d^2 / (2 sp^2)) + d erf(d / (sqrt 2 sp))) / sq
   * - (1 + log(pi / 2)) / 2} with {@code d = mp - mq}.
   */
  static Tensor normalLaplace(Normal p, Laplace q) {
    Tensor d = p.loc().sub(q.loc());
    Tensor z = d.div(p.scale());
    Tensor t1 = p.scale().div(q.scale()).log();
    Tensor t2 = p.scale().mul(z.square().mul(-0.5).exp()).mul(Math.sqrt(2 / Math.PI));
    Tensor t3 = d.mul(z.mul(Math.sqrt(0.5)).erf());
    return t2.add(t3).div(q.scale()).sub(t1).sub(0.5 * (1 + Math.log(0.5 * Math.PI)));
  }
}
