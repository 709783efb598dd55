package org.vae4j.core.kl;

import org.vae4j.api.Tensor;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.Beta;
import org.vae4j.core.distributions.Binomial;
import org.vae4j.core.distributions.Categorical;
import org.vae4j.core.distributions.ContinuousBernoulli;
import org.vae4j.core.distributions.Dirichlet;
import org.vae4j.core.distributions.Exponential;
import org.vae4j.core.distributions.Gamma;
import org.vae4j.core.distributions.Independent;
import org.vae4j.core.distributions.Laplace;
import org.vae4j.core.distributions.LogNormal;
import org.vae4j.core.distributions.MultivariateNormal;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.distributions.OneHotCategorical;
import org.vae4j.core.distributions.Poisson;
import org.vae4j.core.distributions.TransformedDistribution;
import org.vae4j.core.distributions.Uniform;
import org.vae4j.core.linalg.Triangular;

/**
 * The built-in analytic KL rules between two members of one family, formulas as in
 * {@code torch.distributions.kl}, computed from logits and standardised differences so that they stay finite
 * at {@code |logit| = 100} and at extreme scales. The rules between different families are in
 * {@link CrossFamilyKlRules}.
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
    KlRegistry.register(Beta.class, Beta.class, KlRules::beta);
    KlRegistry.register(Binomial.class, Binomial.class, KlRules::binomial);
    KlRegistry.register(Dirichlet.class, Dirichlet.class, KlRules::dirichlet);
    KlRegistry.register(Exponential.class, Exponential.class, KlRules::exponential);
    KlRegistry.register(Gamma.class, Gamma.class, KlRules::gamma);
    KlRegistry.register(MultivariateNormal.class, MultivariateNormal.class, KlRules::multivariateNormal);
    KlRegistry.register(Poisson.class, Poisson.class,
        (p, q) -> p.rate().mul(p.rate().log().sub(q.rate().log())).sub(p.rate().sub(q.rate())));
    KlRegistry.register(TransformedDistribution.class, TransformedDistribution.class, KlRules::transformed);
    CrossFamilyKlRules.registerDefaults();
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

  /**
   * {@code sum_k p_k (log p_k - log q_k)} over the last axis, from normalised logits: categories with
   * {@code p_k = 0} add 0, and {@code +inf} where {@code q_k = 0 < p_k} (as torch).
   */
  static Tensor categorical(Categorical p, Categorical q) {
    requireSameK(p.numCategories(), q.numCategories());
    Tensor probs = p.probs();
    Tensor zero = probs.factory().scalar(0.0, probs.dtype());
    Tensor absent = probs.eq(zero);
    Tensor safeDiff = absent.where(zero, p.logits().sub(q.logits()));
    return probs.mul(safeDiff).sum(-1);
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

  /**
   * {@code log B(aq, bq) - log B(ap, bp) + (ap - aq) psi(ap) + (bp - bq) psi(bp) + (aq + bq - ap - bp)
   * psi(ap + bp)}.
   */
  static Tensor beta(Beta p, Beta q) {
    Tensor sp = p.concentration1().add(p.concentration0());
    Tensor sq = q.concentration1().add(q.concentration0());
    Tensor t1 = q.concentration1().lgamma().add(q.concentration0().lgamma()).add(sp.lgamma());
    Tensor t2 = p.concentration1().lgamma().add(p.concentration0().lgamma()).add(sq.lgamma());
    Tensor t3 = p.concentration1().sub(q.concentration1()).mul(p.concentration1().digamma());
    Tensor t4 = p.concentration0().sub(q.concentration0()).mul(p.concentration0().digamma());
    Tensor t5 = sq.sub(sp).mul(sp.digamma());
    return t1.sub(t2).add(t3).add(t4).add(t5);
  }

  /**
   * {@code n (sigmoid(lp) (lp - lq) - softplus(lp) + softplus(lq))} for equal total counts, {@code +inf}
   * where p has more trials than q (its support is larger).
   *
   * @throws UnsupportedOperationException where p has fewer trials than q, as torch
   */
  static Tensor binomial(Binomial p, Binomial q) {
    try (NoGrad ignored = NoGrad.enter()) {
      if (q.totalCount().sub(p.totalCount()).max().item() > 0) {
        throw new UnsupportedOperationException("KL(Binomial || Binomial) where q has more trials than p has no"
            + " closed form here (nor in torch); use KlRegistry.monteCarlo");
      }
    }
    Tensor lp = p.logits();
    Tensor lq = q.logits();
    Tensor kl = p.totalCount().mul(lp.sigmoid().mul(lp.sub(lq)).sub(lp.softplus()).add(lq.softplus()));
    Tensor more = p.totalCount().gt(q.totalCount());
    return more.where(kl.factory().scalar(Double.POSITIVE_INFINITY, kl.dtype()), kl);
  }

  /**
   * {@code lgamma(a0p) - lgamma(a0q) - sum (lgamma(ap) - lgamma(aq)) + sum (ap - aq)(psi(ap) - psi(a0p))}.
   */
  static Tensor dirichlet(Dirichlet p, Dirichlet q) {
    Tensor sp = p.concentration().sum(-1);
    Tensor sq = q.concentration().sum(-1);
    Tensor t1 = sp.lgamma().sub(sq.lgamma());
    Tensor t2 = p.concentration().lgamma().sub(q.concentration().lgamma()).sum(-1);
    Tensor t3 = p.concentration().sub(q.concentration());
    Tensor t4 = p.concentration().digamma().sub(sp.digamma().unsqueeze(-1));
    return t1.sub(t2).add(t3.mul(t4).sum(-1));
  }

  /** {@code -log(rq / rp) + rq / rp - 1}. */
  static Tensor exponential(Exponential p, Exponential q) {
    Tensor ratio = q.rate().div(p.rate());
    return ratio.log().neg().add(ratio).sub(1.0);
  }

  /** {@code kq log(rp / rq) + lgamma(kq) - lgamma(kp) + (kp - kq) psi(kp) + (rq - rp) kp / rp}. */
  static Tensor gamma(Gamma p, Gamma q) {
    Tensor t1 = q.concentration().mul(p.rate().div(q.rate()).log());
    Tensor t2 = q.concentration().lgamma().sub(p.concentration().lgamma());
    Tensor t3 = p.concentration().sub(q.concentration()).mul(p.concentration().digamma());
    Tensor t4 = q.rate().sub(p.rate()).mul(p.concentration().div(p.rate()));
    return t1.add(t2).add(t3).add(t4);
  }

  /**
   * {@code sum log diag Lq - sum log diag Lp + (|Lq^-1 Lp|_F^2 + |Lq^-1 (mq - mp)|^2 - D) / 2}, by forward
   * substitution.
   */
  static Tensor multivariateNormal(MultivariateNormal p, MultivariateNormal q) {
    if (p.dim() != q.dim()) {
      throw new IllegalArgumentException("KL(MultivariateNormal || MultivariateNormal): event sizes " + p.dim()
          + " and " + q.dim() + " differ");
    }
    Tensor halfTerm1 = q.halfLogDet().sub(p.halfLogDet());
    Tensor term2 = Triangular.solveLowerMatrix(q.scaleTril(), p.scaleTril()).square().sum(new int[] {-2, -1}, false);
    Tensor term3 = Triangular.solveLower(q.scaleTril(), q.loc().sub(p.loc())).square().sum(-1);
    return halfTerm1.add(term2.add(term3).sub(p.dim()).mul(0.5));
  }

  /**
   * KL of the bases when both push them through the same bijectors (equal lists) onto events of one shape: an
   * invertible map leaves the divergence unchanged, as torch.
   *
   * @throws IllegalArgumentException when the bijectors or event shapes differ
   */
  static Tensor transformed(TransformedDistribution p, TransformedDistribution q) {
    if (!p.bijectors().equals(q.bijectors()) || !p.eventShape().equals(q.eventShape())) {
      throw new IllegalArgumentException("KL(" + p.family() + " || " + q.family() + "): only transformed"
          + " distributions with the same bijectors and event shape have a rule (the KL of their bases); use"
          + " KlRegistry.monteCarlo");
    }
    return KlRegistry.kl(p.base(), q.base());
  }
}
