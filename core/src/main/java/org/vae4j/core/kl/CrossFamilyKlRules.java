package org.vae4j.core.kl;

import org.vae4j.api.Distribution;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.Beta;
import org.vae4j.core.distributions.Binomial;
import org.vae4j.core.distributions.ContinuousBernoulli;
import org.vae4j.core.distributions.Exponential;
import org.vae4j.core.distributions.Gamma;
import org.vae4j.core.distributions.Laplace;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.distributions.Poisson;
import org.vae4j.core.distributions.SpecialFunctions;
import org.vae4j.core.distributions.Uniform;

/**
 * The KL rules between different families that {@code torch.distributions.kl} registers, for the families
 * vae4j has, including the pairs whose answer is {@code +inf} because p puts mass where q has none.
 *
 * <p>Most rules are one identity, {@code KL(p || q) = -H(p) - E_p[log q]}, with the expectation of q's
 * log-density in closed form for each q: Normal needs p's mean and variance, Exponential its mean, Gamma
 * also {@code E_p[log x]}, Beta {@code E_p[log x]} and {@code E_p[log(1 - x)]}, ContinuousBernoulli the
 * mean. This equals torch's term-by-term formulas; written with standardised differences it stays finite
 * at scales of 1e-6 and 1e6.
 *
 * <p>Where this differs from torch 1.13: torch returns {@code +inf} for {@code KL(ContinuousBernoulli ||
 * Uniform(0, 1))} and {@code KL(Uniform(0, 1) || ContinuousBernoulli)} (it tests the supports with
 * {@code >=} and {@code <=}), and NaN for Uniform p with an end at 0 (or 1) against Gamma and Beta (its
 * {@code x log x} is NaN at 0). Here those are the finite values of the integrals.
 */
final class CrossFamilyKlRules {
  private static final double EULER_GAMMA = 0.57721566490153286061;
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private CrossFamilyKlRules() {
  }

  static void registerDefaults() {
    // Rules table. Schema: KlRegistry.register(P.class, Q.class, (p, q) -> KL(p || q)); the result has the
    // broadcast batch shape of p and q. Grouped by q's family.
    KlRegistry.register(Beta.class, Normal.class, (p, q) -> toNormal(p, p.entropy(), p.mean(), p.variance(), q));
    KlRegistry.register(ContinuousBernoulli.class, Normal.class,
        (p, q) -> toNormal(p, p.entropy(), p.mean(), p.variance(), q));
    KlRegistry.register(Exponential.class, Normal.class,
        (p, q) -> toNormal(p, p.entropy(), p.mean(), p.variance(), q));
    KlRegistry.register(Gamma.class, Normal.class, (p, q) -> toNormal(p, p.entropy(), p.mean(), p.variance(), q));
    KlRegistry.register(Laplace.class, Normal.class, (p, q) -> toNormal(p, p.entropy(), p.mean(), p.variance(), q));
    KlRegistry.register(Uniform.class, Normal.class, (p, q) -> toNormal(p, p.entropy(), p.mean(), p.variance(), q));

    KlRegistry.register(Beta.class, Exponential.class, (p, q) -> toExponential(p.entropy(), p.mean(), q));
    KlRegistry.register(ContinuousBernoulli.class, Exponential.class,
        (p, q) -> toExponential(p.entropy(), p.mean(), q));
    KlRegistry.register(Gamma.class, Exponential.class, (p, q) -> toExponential(p.entropy(), p.mean(), q));
    KlRegistry.register(Uniform.class, Exponential.class,
        (p, q) -> outside(p.low().lt(zero(p.low())), toExponential(p.entropy(), p.mean(), q)));

    KlRegistry.register(Beta.class, Gamma.class, (p, q) -> toGamma(p.entropy(), p.mean(), betaMeanLog(p), q));
    KlRegistry.register(Exponential.class, Gamma.class,
        (p, q) -> toGamma(p.entropy(), p.mean(), p.rate().log().add(EULER_GAMMA).neg(), q));
    KlRegistry.register(Uniform.class, Gamma.class, (p, q) -> outside(p.low().lt(zero(p.low())),
        toGamma(p.entropy(), p.mean(), uniformMeanXLogX(p.low(), p.high()), q)));

    KlRegistry.register(Uniform.class, Beta.class, CrossFamilyKlRules::uniformBeta);
    KlRegistry.register(Beta.class, ContinuousBernoulli.class,
        (p, q) -> toContinuousBernoulli(p.entropy(), p.mean(), q));
    KlRegistry.register(Uniform.class, ContinuousBernoulli.class, (p, q) -> outside(notInUnitInterval(p),
        toContinuousBernoulli(p.entropy(), p.mean(), q)));

    KlRegistry.register(Beta.class, Uniform.class, (p, q) -> toUniform(p.entropy(), q));
    KlRegistry.register(ContinuousBernoulli.class, Uniform.class, (p, q) -> toUniform(p.entropy(), q));

    KlRegistry.register(Bernoulli.class, Poisson.class,
        (p, q) -> p.entropy().neg().sub(p.probs().mul(q.rate().log()).sub(q.rate())));

    // p has mass where q has none: +inf everywhere (torch's _kl_*_infinity rules).
    for (Class<? extends Distribution> unbounded : java.util.List.of(Normal.class, Laplace.class)) {
      infinite(unbounded, Beta.class);
      infinite(unbounded, ContinuousBernoulli.class);
      infinite(unbounded, Exponential.class);
      infinite(unbounded, Gamma.class);
      infinite(unbounded, Uniform.class);
    }
    for (Class<? extends Distribution> halfLine : java.util.List.of(Exponential.class, Gamma.class)) {
      infinite(halfLine, Beta.class);
      infinite(halfLine, ContinuousBernoulli.class);
      infinite(halfLine, Uniform.class);
    }
    infinite(Poisson.class, Bernoulli.class);
    infinite(Poisson.class, Binomial.class);
  }

  private static <P extends Distribution, Q extends Distribution> void infinite(Class<P> p, Class<Q> q) {
    KlRegistry.register(p, q, CrossFamilyKlRules::infinity);
  }

  /** {@code +inf} of the broadcast batch shape. */
  static Tensor infinity(Distribution p, Distribution q) {
    Tensor like = p.mean();
    Shape shape = Shape.broadcast("KL", p.batchShape(), q.batchShape());
    return like.factory().full(shape, Double.POSITIVE_INFINITY, like.dtype());
  }

  /** {@code -H(p) + log sigma + log(2 pi)/2 + (Var_p / sigma^2 + ((E_p - mu) / sigma)^2) / 2}. */
  private static Tensor toNormal(Distribution p, Tensor entropy, Tensor mean, Tensor variance, Normal q) {
    Tensor z = mean.sub(q.loc()).div(q.scale());
    Tensor spread = variance.div(q.scale().square());
    return entropy.neg().add(q.scale().log()).add(HALF_LOG_2PI).add(spread.add(z.square()).mul(0.5));
  }

  /** {@code -H(p) - log r + r E_p[x]}. */
  private static Tensor toExponential(Tensor entropy, Tensor mean, Exponential q) {
    return entropy.neg().sub(q.rate().log()).add(q.rate().mul(mean));
  }

  /** {@code -H(p) - k log r + lgamma(k) - (k - 1) E_p[log x] + r E_p[x]}. */
  private static Tensor toGamma(Tensor entropy, Tensor mean, Tensor meanLog, Gamma q) {
    Tensor k = q.concentration();
    return entropy.neg().sub(k.mul(q.rate().log())).add(k.lgamma()).sub(k.sub(1.0).mul(meanLog))
        .add(q.rate().mul(mean));
  }

  /** {@code -H(p) - l E_p[x] + softplus(l) - log C(l)}: {@code E_p[log q(x)] = l E[x] - softplus(l) + log C}. */
  private static Tensor toContinuousBernoulli(Tensor entropy, Tensor mean, ContinuousBernoulli q) {
    return entropy.neg().sub(q.logits().mul(mean)).add(q.logits().softplus()).sub(q.logNormalizer());
  }

  /**
   * {@code -H(p) + log(high - low)} for p on [0, 1], {@code +inf} where q's interval does not cover it
   * ({@code low > 0} or {@code high < 1}).
   */
  private static Tensor toUniform(Tensor entropy, Uniform q) {
    Tensor uncovered = q.low().gt(zero(q.low())).add(q.high().lt(zero(q.high()).add(1.0)));
    return outside(uncovered, entropy.neg().add(q.high().sub(q.low()).log()));
  }

  /**
   * {@code -log(h - l) - (a - 1) E[log x] - (b - 1) E[log(1 - x)] + log B(a, b)} for p = U(l, h) inside
   * [0, 1]; {@code +inf} where it reaches outside.
   */
  private static Tensor uniformBeta(Uniform p, Beta q) {
    Tensor meanLog = uniformMeanXLogX(p.low(), p.high());
    Tensor meanLog1m = uniformMeanXLogX(p.high().rsub(1.0), p.low().rsub(1.0));
    Tensor logB = q.concentration1().lgamma().add(q.concentration0().lgamma())
        .sub(q.concentration1().add(q.concentration0()).lgamma());
    Tensor kl = p.entropy().neg().sub(q.concentration1().sub(1.0).mul(meanLog))
        .sub(q.concentration0().sub(1.0).mul(meanLog1m)).add(logB);
    return outside(notInUnitInterval(p), kl);
  }

  /** 1 where U(low, high) reaches outside [0, 1]. */
  private static Tensor notInUnitInterval(Uniform p) {
    return p.low().lt(zero(p.low())).add(p.high().gt(zero(p.high()).add(1.0)));
  }

  /** {@code E[log x]} for x uniform on [a, b], 0 <= a: {@code (b log b - a log a) / (b - a) - 1}. */
  private static Tensor uniformMeanXLogX(Tensor a, Tensor b) {
    return SpecialFunctions.xlogx(b).sub(SpecialFunctions.xlogx(a)).div(b.sub(a)).sub(1.0);
  }

  /** {@code E[log x] = psi(a) - psi(a + b)} for x ~ Beta(a, b). */
  private static Tensor betaMeanLog(Beta p) {
    return p.concentration1().digamma().sub(p.concentration1().add(p.concentration0()).digamma());
  }

  /** {@code +inf} where {@code mask} is nonzero, else {@code kl}. */
  private static Tensor outside(Tensor mask, Tensor kl) {
    return mask.where(kl.factory().scalar(Double.POSITIVE_INFINITY, kl.dtype()), kl);
  }

  private static Tensor zero(Tensor like) {
    return like.factory().scalar(0.0, like.dtype());
  }
}
