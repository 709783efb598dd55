#!/usr/bin/python3
"""Reference values for vae4j's distribution, KL and bijector tests, from torch.distributions.

Run from the repository root with Debian's torch (python3-torch, torch 1.13; python3-mpmath comes with it):

    /usr/bin/python3 core/src/test/python/reference_values.py

It rewrites, in core/src/test/resources/reference/:
  families.json    log_prob, mean, variance, entropy of the families vae4j added to distributions.json, and
                   the implicit gradient d(log z)/d(alpha) of gamma draws at fixed quantile (mpmath)
  kl.json          KL(p || q) for every pair torch.distributions.kl registers among vae4j's families, and the
                   list of those pairs
  transforms.json  forward, inverse and log|det J| of the bijectors (see transforms.py beside this file)

Everything is float64 and reproducible (fixed seeds). Schema of a case: {"family", "params", "x",
"log_prob", "mean", "variance", "entropy"} (each result optional), KL cases {"p", "q", "kl"}. A case with
"float32": false is checked in FLOAT64 only: its "why" says why float32 cannot hold the value (a result of
size 1 made as the difference of terms of size 1e4 or more). Non-finite numbers are written as the strings
"NaN", "Infinity" and "-Infinity". A few KL values are not torch's: where torch 1.13 returns +inf or NaN for a
finite divergence (the supports are compared with >= instead of >, or 0 log 0 is NaN), the case carries
"source": "mpmath quadrature" and the value of the integral.
"""
import json
import math
import os
import sys

import mpmath
import torch
import torch.distributions as D
from torch.distributions.kl import kl_divergence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import transforms  # noqa: E402  (the bijector half of the generator)

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "reference")


def listify(t):
    """A tensor (or number) as nested lists of floats, non-finite values as strings."""
    if isinstance(t, torch.Tensor):
        t = t.detach().double().tolist()
    if isinstance(t, list):
        return [listify(v) for v in t]
    if math.isnan(t):
        return "NaN"
    if math.isinf(t):
        return "Infinity" if t > 0 else "-Infinity"
    return float(t)


def tensor(values):
    return torch.tensor(values, dtype=torch.float64)


def uniform(shape, lo, hi, gen):
    return lo + (hi - lo) * torch.rand(shape, generator=gen)


def family_case(name, params, dist, x, skip=(), float32=True, why=None, exact=None, source=None):
    """A case from torch's values; {@code exact} overrides some of them (with their {@code source})."""
    case = {"family": name, "params": {k: listify(v) for k, v in params.items()}, "x": listify(x)}
    for key, fn in (("log_prob", lambda: dist.log_prob(x)), ("mean", lambda: dist.mean),
                    ("variance", lambda: dist.variance), ("entropy", dist.entropy)):
        if key in skip:
            continue
        try:
            case[key] = listify(fn())
        except NotImplementedError:
            pass
    if exact:
        case.update({k: listify(tensor(v)) for k, v in exact.items()})
        case["source"] = source
    if not float32:
        case["float32"] = False
        case["why"] = why
    return case


def mp_continuous_bernoulli_moments(logits, xs):
    """log_prob, mean, variance, entropy of ContinuousBernoulli(logits) at 40 digits; checks torch's float64
    values where torch uses the true logit (|logit| < 30, as torch clamps probs to [eps, 1 - eps])."""
    out = {"log_prob": [], "mean": [], "variance": [], "entropy": []}
    with mpmath.workdps(40):
        for l, x in zip(logits, xs):
            l, x = mpmath.mpf(l), mpmath.mpf(x)
            log_norm = mpmath.log(l / mpmath.expm1(l))
            mean = 1 / (1 - mpmath.exp(-l)) - 1 / l
            var = 1 / l ** 2 - mpmath.exp(l) / mpmath.expm1(l) ** 2
            out["log_prob"].append(float(l * x + log_norm))
            out["mean"].append(float(mean))
            out["variance"].append(float(var))
            out["entropy"].append(float(-(l * mean + log_norm)))
    return out


def mp_beta_log_prob(a, b, xs):
    """(a - 1) log x + (b - 1) log(1 - x) - log B(a, b) with 0 log 0 = 0 (torch gives NaN there)."""
    def xlogy(c, v):
        return mpmath.mpf(0) if c == 0 else c * mpmath.log(v)
    with mpmath.workdps(40):
        return [float(xlogy(mpmath.mpf(ai) - 1, mpmath.mpf(x)) + xlogy(mpmath.mpf(bi) - 1, 1 - mpmath.mpf(x))
                      - mpmath.log(mpmath.beta(ai, bi))) for ai, bi, x in zip(a, b, xs)]


F32_CANCELS = "float32 cannot hold it: the value is a difference of terms of size 1e3 to 1e7"


def families():
    torch.manual_seed(14)  # for the samplers that take no generator
    g = torch.Generator().manual_seed(14)
    cases = []

    rate = uniform((2, 3), 0.2, 3.0, g)
    x = -torch.log(torch.rand((2, 3), generator=g)) / rate
    x[0, 0] = 0.0
    cases.append(family_case("Exponential", {"rate": rate}, D.Exponential(rate), x))
    rate = tensor([1e-6, 1e6, 1e-6, 1e6])
    cases.append(family_case("Exponential", {"rate": rate}, D.Exponential(rate), tensor([0.0, 0.0, 1e6, 1e-6])))

    conc = uniform((2, 3), 0.2, 5.0, g)
    rate = uniform((2, 3), 0.3, 3.0, g)
    x = torch._standard_gamma(conc) / rate
    cases.append(family_case("Gamma", {"concentration": conc, "rate": rate}, D.Gamma(conc, rate), x))
    conc, rate = tensor([0.5, 1.0, 2.0, 1.0, 3.0]), tensor([1.0, 2.0, 3.0, 1e6, 1e-6])
    x = tensor([0.0, 0.0, 0.0, 1e-6, 2e6])
    cases.append(family_case("Gamma", {"concentration": conc, "rate": rate}, D.Gamma(conc, rate), x))
    conc, rate = tensor([1e-3, 1e3]), tensor([1e-6, 1e6])
    cases.append(family_case("Gamma", {"concentration": conc, "rate": rate}, D.Gamma(conc, rate),
                             tensor([1e-3, 1e-3]), float32=False, why=F32_CANCELS))

    c1, c0 = uniform((2, 3), 0.3, 5.0, g), uniform((2, 3), 0.3, 5.0, g)
    x = D.Beta(c1, c0).sample()
    cases.append(family_case("Beta", {"concentration1": c1, "concentration0": c0}, D.Beta(c1, c0), x))
    c1, c0 = tensor([1.0, 1.0, 2.0, 0.5, 3.0, 1e-3]), tensor([1.0, 3.0, 1.0, 0.5, 2.0, 2.0])
    x = tensor([0.0, 0.0, 1.0, 0.0, 1.0, 0.5])
    cases.append(family_case("Beta", {"concentration1": c1, "concentration0": c0}, D.Beta(c1, c0), x,
                             exact={"log_prob": mp_beta_log_prob(c1.tolist(), c0.tolist(), x.tolist())},
                             source="log_prob: mpmath with 0 log 0 = 0 (torch 1.13: NaN at x = 0 and 1)"))
    c1, c0 = tensor([1e3, 1e3, 1e-3]), tensor([1e3, 1.0, 1e-3])
    cases.append(family_case("Beta", {"concentration1": c1, "concentration0": c0}, D.Beta(c1, c0),
                             tensor([0.5, 0.999, 0.5]), float32=False, why=F32_CANCELS))

    conc = uniform((2, 4), 0.3, 4.0, g)
    x = D.Dirichlet(conc).sample()
    cases.append(family_case("Dirichlet", {"concentration": conc}, D.Dirichlet(conc), x))
    conc = tensor([[1e-3, 0.5, 2.0], [1.0, 1.0, 1.0]])
    x = tensor([[0.25, 0.25, 0.5], [0.2, 0.3, 0.5]])
    cases.append(family_case("Dirichlet", {"concentration": conc}, D.Dirichlet(conc), x))

    df = tensor([[0.5, 1.0, 1.5], [2.0, 3.0, 10.0]])
    loc, scale = torch.randn((2, 3), generator=g), uniform((2, 3), 0.3, 3.0, g)
    x = loc + scale * torch.randn((2, 3), generator=g) * 2
    cases.append(family_case("StudentT", {"df": df, "loc": loc, "scale": scale}, D.StudentT(df, loc, scale), x))
    df, loc, scale = tensor([4.0, 4.0, 30.0]), tensor([0.0, 1e6, -3.0]), tensor([1e-6, 1e6, 2.0])
    x = tensor([3e-6, -1e6, 1.0])
    cases.append(family_case("StudentT", {"df": df, "loc": loc, "scale": scale}, D.StudentT(df, loc, scale), x))
    df, loc, scale = tensor([1e6]), tensor([0.5]), tensor([1.0])
    cases.append(family_case("StudentT", {"df": df, "loc": loc, "scale": scale}, D.StudentT(df, loc, scale),
                             tensor([1.5]), float32=False, why=F32_CANCELS))

    for name, build in (("MultivariateNormal(scale_tril)", lambda m, s: D.MultivariateNormal(m, scale_tril=s)),
                        ("MultivariateNormal(covariance)",
                         lambda m, s: D.MultivariateNormal(m, covariance_matrix=s @ s.mT))):
        loc = torch.randn((2, 3), generator=g)
        tril = torch.randn((2, 3, 3), generator=g).tril(-1) * 0.7 + torch.diag_embed(uniform((2, 3), 0.5, 2.0, g))
        d = build(loc, tril)
        x = d.sample((4,))
        key = "scale_tril" if "tril" in name else "covariance"
        param = tril if key == "scale_tril" else tril @ tril.mT
        cases.append(family_case(name, {"loc": loc, key: param}, d, x))
    loc = tensor([0.0, -2.0, 3e5])
    tril = tensor([[1e-6, 0.0, 0.0], [0.5, 1.0, 0.0], [3e5, -2e5, 1e6]])
    d = D.MultivariateNormal(loc, scale_tril=tril)
    x = loc + (tril @ tensor([[0.3, -1.2, 0.8], [2.0, 0.1, -0.5]]).unsqueeze(-1)).squeeze(-1)
    cases.append(family_case("MultivariateNormal(scale_tril)", {"loc": loc, "scale_tril": tril}, d, x))

    rate = uniform((2, 3), 0.1, 20.0, g)
    x = torch.poisson(rate, generator=g)
    cases.append(family_case("Poisson", {"rate": rate}, D.Poisson(rate), x))
    rate = tensor([0.0, 0.0, 1e-6, 1e-6, 3.0])
    cases.append(family_case("Poisson", {"rate": rate}, D.Poisson(rate), tensor([0.0, 1.0, 0.0, 2.0, 0.0])))
    rate = tensor([1e6])
    cases.append(family_case("Poisson", {"rate": rate}, D.Poisson(rate), tensor([1e6]), float32=False,
                             why=F32_CANCELS))

    logits = torch.randn((2, 3), generator=g) * 2
    count = torch.full((2, 3), 10.0)
    x = D.Binomial(count, logits=logits).sample()
    cases.append(family_case("Binomial", {"total_count": count, "logits": logits},
                             D.Binomial(count, logits=logits), x))
    logits, count = tensor([100.0, -100.0, 100.0, -100.0]), tensor([10.0, 10.0, 10.0, 10.0])
    cases.append(family_case("Binomial", {"total_count": count, "logits": logits},
                             D.Binomial(count, logits=logits), tensor([10.0, 0.0, 0.0, 10.0])))
    logits, count = tensor([0.3, -1.5, 2.0]), tensor([0.0, 5.0, 40.0])
    cases.append(family_case("Binomial", {"total_count": count, "logits": logits},
                             D.Binomial(count, logits=logits), tensor([0.0, 5.0, 31.0]), skip=("entropy",)))

    near = [0.003, 0.004, 0.0045, 0.005, 0.01, 0.02, 0.05, 0.2, 0.5, 0.99, 1.0, 1.01, 3.0, 20.0, 100.0]
    logits = tensor(near + [-v for v in near])
    x = uniform(logits.shape, 0.0, 1.0, g)
    x[0], x[1] = 0.0, 1.0
    exact = mp_continuous_bernoulli_moments(logits.tolist(), x.tolist())
    cb = D.ContinuousBernoulli(logits=logits)
    moderate = logits.abs() < 30
    for key, torch_value in (("log_prob", cb.log_prob(x)), ("mean", cb.mean), ("variance", cb.variance),
                             ("entropy", cb.entropy())):
        err = (torch_value - tensor(exact[key])).abs() / tensor(exact[key]).abs().clamp(min=1e-3)
        assert err[moderate].max() < 1e-8, (key, err)
    cases.append(family_case("ContinuousBernoulli", {"logits": logits}, cb, x, exact=exact,
                             source="mpmath, equal to torch to 1e-8 for |logit| < 30; torch clamps probs to"
                                    " [eps, 1 - eps], i.e. computes at |logit| = 36.04 beyond"))

    low, high = tensor([0.0, -1.0, 2.0]), tensor([1.0, 1.0, 5.0])
    cases.append(family_case("Uniform", {"low": low, "high": high}, D.Uniform(low, high),
                             tensor([1.0, -1.0, 4.0])))
    return cases


def gamma_quantile_gradients():
    """d(log z)/d(alpha) at fixed quantile P(alpha, z): -(dP/dalpha) / (z p(z)), by mpmath at 40 digits."""
    points = [(0.001, 1e-300), (0.001, 1e-5), (0.01, 0.3), (0.3, 0.01), (0.5, 0.7), (1, 1), (1, 3.5),
              (2.5, 0.2), (2.5, 4), (2.5, 9), (10, 7), (10, 14), (100, 90), (100, 125), (1000, 1010),
              (1000, 950), (0.5, 30), (5, 40), (1e4, 1e4 + 150)]
    out = []
    with mpmath.workdps(40):
        for a, z in points:
            a, z = mpmath.mpf(a), mpmath.mpf(z)
            dp = mpmath.diff(lambda t: mpmath.gammainc(t, 0, z, regularized=True), a)
            density = mpmath.exp((a - 1) * mpmath.log(z) - z - mpmath.loggamma(a))
            out.append({"alpha": float(a), "z": float(z), "dlogz_dalpha": float(-dp / density / z)})
    return out


def spec(name, **params):
    return {"family": name, "params": {k: listify(v) for k, v in params.items()}}


def quadrature_kl(log_p, log_q, lo, hi):
    """KL(p || q) = integral of p (log p - log q) over [lo, hi], by mpmath's tanh-sinh rule at 30 digits;
    log_p and log_q are mpmath log-densities (torch's own are half-open at the ends)."""
    with mpmath.workdps(30):
        return float(mpmath.quad(lambda x: mpmath.exp(log_p(x)) * (log_p(x) - log_q(x)), [lo, hi]))


def mp_continuous_bernoulli(logit):
    lam = mpmath.mpf(logit)
    return lambda x: mpmath.log(lam) + lam * x - mpmath.log(mpmath.expm1(lam))


def mp_gamma(k, r):
    k, r = mpmath.mpf(k), mpmath.mpf(r)
    return lambda x: k * mpmath.log(r) + (k - 1) * mpmath.log(x) - r * x - mpmath.loggamma(k)


def mp_beta(a, b):
    a, b = mpmath.mpf(a), mpmath.mpf(b)
    return lambda x: (a - 1) * mpmath.log(x) + (b - 1) * mpmath.log(1 - x) - mpmath.log(mpmath.beta(a, b))


def mp_binomial_kl(n, lp, lq):
    """n (sigmoid(lp) (lp - lq) - softplus(lp) + softplus(lq)) at 30 digits."""
    with mpmath.workdps(30):
        lp, lq = mpmath.mpf(lp), mpmath.mpf(lq)
        sp = lambda v: mpmath.log1p(mpmath.exp(v))
        return float(n * ((lp - lq) / (1 + mpmath.exp(-lp)) - sp(lp) + sp(lq)))


def kl_cases():
    torch.manual_seed(41)
    g = torch.Generator().manual_seed(41)
    cases = []

    def add(pspec, p, qspec, q, value=None, source=None, float32=True, why=None):
        case = {"p": pspec, "q": qspec, "kl": listify(kl_divergence(p, q) if value is None else value)}
        if source:
            case["source"] = source
        if not float32:
            case["float32"] = False
            case["why"] = why
        cases.append(case)

    def pos(lo=0.3, hi=3.0, shape=(3,)):
        return uniform(shape, lo, hi, g)

    # one family
    r1, r2 = pos(), pos()
    add(spec("Exponential", rate=r1), D.Exponential(r1), spec("Exponential", rate=r2), D.Exponential(r2))
    k1, b1, k2, b2 = pos(), pos(), pos(), pos()
    add(spec("Gamma", concentration=k1, rate=b1), D.Gamma(k1, b1),
        spec("Gamma", concentration=k2, rate=b2), D.Gamma(k2, b2))
    a1, c1, a2, c2 = pos(), pos(), pos(), pos()
    add(spec("Beta", concentration1=a1, concentration0=c1), D.Beta(a1, c1),
        spec("Beta", concentration1=a2, concentration0=c2), D.Beta(a2, c2))
    d1, d2 = pos(shape=(2, 4)), pos(shape=(2, 4))
    add(spec("Dirichlet", concentration=d1), D.Dirichlet(d1), spec("Dirichlet", concentration=d2), D.Dirichlet(d2))
    m1, m2 = torch.randn((2, 3), generator=g), torch.randn((2, 3), generator=g)
    l1 = torch.randn((2, 3, 3), generator=g).tril(-1) * 0.5 + torch.diag_embed(pos(0.5, 2.0, (2, 3)))
    l2 = torch.randn((2, 3, 3), generator=g).tril(-1) * 0.5 + torch.diag_embed(pos(0.5, 2.0, (2, 3)))
    add(spec("MultivariateNormal(scale_tril)", loc=m1, scale_tril=l1), D.MultivariateNormal(m1, scale_tril=l1),
        spec("MultivariateNormal(scale_tril)", loc=m2, scale_tril=l2), D.MultivariateNormal(m2, scale_tril=l2))
    p1, p2 = pos(0.1, 10.0), pos(0.1, 10.0)
    add(spec("Poisson", rate=p1), D.Poisson(p1), spec("Poisson", rate=p2), D.Poisson(p2))
    n1, n2 = tensor([10.0, 10.0, 12.0]), tensor([10.0, 10.0, 10.0])
    lg1, lg2 = tensor([0.5, 2.0, 1.0]), tensor([-1.5, -0.5, 2.0])
    add(spec("Binomial", total_count=n1, logits=lg1), D.Binomial(n1, logits=lg1),
        spec("Binomial", total_count=n2, logits=lg2), D.Binomial(n2, logits=lg2))
    lg3, lg4 = tensor([100.0, -100.0, 3.0]), tensor([-100.0, 100.0, 3.5])
    add(spec("Binomial", total_count=n2, logits=lg3), D.Binomial(n2, logits=lg3),
        spec("Binomial", total_count=n2, logits=lg4), D.Binomial(n2, logits=lg4),
        value=[mp_binomial_kl(10, a, b) for a, b in zip(lg3.tolist(), lg4.tolist())],
        source="mpmath (torch 1.13: -inf and NaN at |logit| = 100, from log1p(-probs) with probs = 1)")
    cl1 = tensor([[0.5, float("-inf"), 1.0], [0.2, 0.1, -1.0]])
    cl2 = tensor([[float("-inf"), 0.0, 0.3], [1.0, -2.0, 0.0]])
    add(spec("Categorical", logits=cl1), D.Categorical(logits=cl1),
        spec("Categorical", logits=cl2), D.Categorical(logits=cl2))

    l1, s1, l2, s2 = torch.randn(3, generator=g), pos(), torch.randn(3, generator=g), pos()
    add(spec("TransformedDistribution(Normal,Exp)", loc=l1, scale=s1),
        D.TransformedDistribution(D.Normal(l1, s1), [D.transforms.ExpTransform()]),
        spec("TransformedDistribution(Normal,Exp)", loc=l2, scale=s2),
        D.TransformedDistribution(D.Normal(l2, s2), [D.transforms.ExpTransform()]))

    # p continuous against Normal
    loc, scale = torch.randn(3, generator=g), pos()
    qn = (spec("Normal", loc=loc, scale=scale), D.Normal(loc, scale))
    a, b = pos(), pos()
    add(spec("Beta", concentration1=a, concentration0=b), D.Beta(a, b), *qn)
    cbl = torch.randn(3, generator=g) * 2
    add(spec("ContinuousBernoulli", logits=cbl), D.ContinuousBernoulli(logits=cbl), *qn)
    r = pos()
    add(spec("Exponential", rate=r), D.Exponential(r), *qn)
    k, rr = pos(), pos()
    add(spec("Gamma", concentration=k, rate=rr), D.Gamma(k, rr), *qn)
    ll, ls = torch.randn(3, generator=g), pos()
    add(spec("Laplace", loc=ll, scale=ls), D.Laplace(ll, ls), *qn)
    lo = torch.randn(3, generator=g)
    hi = lo + pos()
    add(spec("Uniform", low=lo, high=hi), D.Uniform(lo, hi), *qn)
    # extreme scales
    ll, ls, nl, ns = tensor([0.0, 1e6]), tensor([1e-6, 1e6]), tensor([1e-6, 0.0]), tensor([1e6, 1e-6])
    add(spec("Laplace", loc=ll, scale=ls), D.Laplace(ll, ls), spec("Normal", loc=nl, scale=ns), D.Normal(nl, ns))
    r, nl, ns = tensor([1e6, 1e-6]), tensor([0.0, 1e6]), tensor([1e-6, 1e6])
    add(spec("Exponential", rate=r), D.Exponential(r), spec("Normal", loc=nl, scale=ns), D.Normal(nl, ns))
    lo, hi, nl, ns = tensor([0.0, -1e6]), tensor([1e-6, 1e6]), tensor([0.0, 0.0]), tensor([1e-6, 1e6])
    add(spec("Uniform", low=lo, high=hi), D.Uniform(lo, hi), spec("Normal", loc=nl, scale=ns), D.Normal(nl, ns))

    # against Exponential, Gamma, Beta, ContinuousBernoulli, Uniform, Poisson
    rq = pos()
    qe = (spec("Exponential", rate=rq), D.Exponential(rq))
    add(spec("Beta", concentration1=a, concentration0=b), D.Beta(a, b), *qe)
    add(spec("ContinuousBernoulli", logits=cbl), D.ContinuousBernoulli(logits=cbl), *qe)
    add(spec("Gamma", concentration=k, rate=rr), D.Gamma(k, rr), *qe)
    lo2, hi2 = tensor([0.0, 0.5, -0.5]), tensor([1.0, 2.0, 1.0])
    add(spec("Uniform", low=lo2, high=hi2), D.Uniform(lo2, hi2), *qe)
    kq, rq2 = pos(), pos()
    qg = (spec("Gamma", concentration=kq, rate=rq2), D.Gamma(kq, rq2))
    add(spec("Beta", concentration1=a, concentration0=b), D.Beta(a, b), *qg)
    add(spec("Exponential", rate=r1), D.Exponential(r1), *qg)
    lo3, hi3 = tensor([0.2, 0.5, -0.5]), tensor([1.0, 2.0, 1.0])
    add(spec("Uniform", low=lo3, high=hi3), D.Uniform(lo3, hi3), *qg)
    ab, bb = pos(), pos()
    qb = (spec("Beta", concentration1=ab, concentration0=bb), D.Beta(ab, bb))
    lo4, hi4 = tensor([0.1, 0.3, -0.5]), tensor([0.9, 0.5, 0.7])
    add(spec("Uniform", low=lo4, high=hi4), D.Uniform(lo4, hi4), *qb)
    qcl = torch.randn(3, generator=g) * 2
    qcb = (spec("ContinuousBernoulli", logits=qcl), D.ContinuousBernoulli(logits=qcl))
    add(spec("Beta", concentration1=a, concentration0=b), D.Beta(a, b), *qcb)
    lo5, hi5 = tensor([0.1, 0.3, -0.5]), tensor([0.9, 0.5, 0.7])
    add(spec("Uniform", low=lo5, high=hi5), D.Uniform(lo5, hi5), *qcb)
    ul, uh = tensor([-0.5, 0.0, 0.2]), tensor([1.5, 1.0, 2.0])
    qu = (spec("Uniform", low=ul, high=uh), D.Uniform(ul, uh))
    add(spec("Beta", concentration1=a, concentration0=b), D.Beta(a, b), *qu)
    cbl2 = tensor([0.7, -1.2, 3.0])
    ul2, uh2 = tensor([-0.5, -1.0, 0.2]), tensor([1.5, 3.0, 2.0])
    add(spec("ContinuousBernoulli", logits=cbl2), D.ContinuousBernoulli(logits=cbl2),
        spec("Uniform", low=ul2, high=uh2), D.Uniform(ul2, uh2))
    bl, pr = torch.randn(3, generator=g), pos()
    add(spec("Bernoulli", logits=bl), D.Bernoulli(logits=bl), spec("Poisson", rate=pr), D.Poisson(pr))

    # +inf: p puts mass where q has none
    shape3 = dict(loc=torch.randn(3, generator=g), scale=pos())
    qs = {
        "Beta": (spec("Beta", concentration1=ab, concentration0=bb), D.Beta(ab, bb)),
        "ContinuousBernoulli": qcb,
        "Exponential": qe,
        "Gamma": qg,
        "Uniform": qu,
    }
    for pname, pdist in (("Normal", D.Normal(**shape3)), ("Laplace", D.Laplace(**shape3))):
        for qname in ("Beta", "ContinuousBernoulli", "Exponential", "Gamma", "Uniform"):
            add(spec(pname, **shape3), pdist, *qs[qname])
    for pspec, pdist in ((spec("Exponential", rate=r1), D.Exponential(r1)),
                         (spec("Gamma", concentration=k, rate=rr), D.Gamma(k, rr))):
        for qname in ("Beta", "ContinuousBernoulli", "Uniform"):
            add(pspec, pdist, *qs[qname])
    add(spec("Poisson", rate=p1), D.Poisson(p1), spec("Bernoulli", logits=bl), D.Bernoulli(logits=bl))
    add(spec("Poisson", rate=p1), D.Poisson(p1), spec("Binomial", total_count=n2, logits=lg2),
        D.Binomial(n2, logits=lg2))

    # torch 1.13 gives +inf or NaN for these finite divergences; the reference is the integral
    u01 = spec("Uniform", low=tensor([0.0]), high=tensor([1.0]))
    uniform01 = lambda x: mpmath.mpf(0)
    cbspec = spec("ContinuousBernoulli", logits=tensor([0.7]))
    src = "mpmath quadrature (torch 1.13: +inf)"
    cases.append({"p": cbspec, "q": u01, "source": src,
                  "kl": [quadrature_kl(mp_continuous_bernoulli(0.7), uniform01, 0, 1)]})
    cases.append({"p": u01, "q": cbspec, "source": src,
                  "kl": [quadrature_kl(uniform01, mp_continuous_bernoulli(0.7), 0, 1)]})
    src = "mpmath quadrature (torch 1.13: NaN)"
    for k, r in ((2.5, 1.5), (0.5, 2.0)):
        cases.append({"p": u01, "q": spec("Gamma", concentration=tensor([k]), rate=tensor([r])), "source": src,
                      "kl": [quadrature_kl(uniform01, mp_gamma(k, r), 0, 1)]})
    cases.append({"p": u01, "q": spec("Beta", concentration1=tensor([2.0]), concentration0=tensor([0.7])),
                  "source": src, "kl": [quadrature_kl(uniform01, mp_beta(2.0, 0.7), 0, 1)]})
    # the quadrature against torch where torch is right
    check = quadrature_kl(lambda x: -mpmath.log(0.8), mp_beta(2.0, 3.0), 0.1, 0.9)
    torch_value = kl_divergence(D.Uniform(tensor(0.1), tensor(0.9)), D.Beta(tensor(2.0), tensor(3.0))).item()
    assert abs(check - torch_value) < 1e-12, (check, torch_value)
    return cases


VAE4J_FAMILIES = {"Normal", "Bernoulli", "ContinuousBernoulli", "Categorical", "OneHotCategorical", "Laplace",
                  "LogNormal", "Uniform", "Independent", "Beta", "Gamma", "Dirichlet", "Exponential", "StudentT",
                  "MultivariateNormal", "Poisson", "Binomial", "TransformedDistribution", "MixtureSameFamily",
                  "RelaxedOneHotCategorical"}


def registered_pairs():
    """Every (p, q) pair torch.distributions.kl registers a rule for among vae4j's families."""
    from torch.distributions.kl import _KL_REGISTRY
    return sorted([p.__name__, q.__name__] for p, q in _KL_REGISTRY
                  if p.__name__ in VAE4J_FAMILIES and q.__name__ in VAE4J_FAMILIES)


def write(name, content):
    path = os.path.normpath(os.path.join(OUT, name))
    with open(path, "w") as f:
        json.dump(content, f, indent=1, allow_nan=False)
        f.write("\n")
    print("wrote", path)


def main():
    source = "torch.distributions " + torch.__version__ + ", float64"
    write("families.json", {"source": source, "cases": families(),
                            "gamma_quantile_gradients": gamma_quantile_gradients()})
    write("kl.json", {"source": source, "kl": kl_cases(), "registered_pairs": registered_pairs()})
    write("transforms.json", {"source": source, **transforms.cases()})


if __name__ == "__main__":
    main()
