"""The bijector half of reference_values.py (run that file, not this one).

Elementwise bijectors come from torch.distributions.transforms. The flows (planar, radial, MADE-based
autoregressive, RealNVP coupling) are not in torch.distributions; they are written here in torch with the
formulas of vae4j's Javadoc, and each log|det J| written to the file is computed from the full Jacobian by
autograd (torch.autograd.functional.jacobian, then slogdet), independently of the closed form, which is
asserted to agree. Schema of "bijectors": {"bijector", "params", "x", "y", "log_det"} and, where the
inverse is checked, "inverse_of" (a y) with "inverse" (torch's inverse of it); "transformed": {"base",
"bijectors", "x", "log_prob"}.
"""
import math

import torch
import torch.distributions as D
import torch.distributions.transforms as T
from torch.nn.functional import softplus


def _listify(t):
    from reference_values import listify
    return listify(t)


def _elementwise_cases(g):
    cases = []
    x = torch.cat([torch.randn(6, generator=g) * 3, torch.tensor([-30.0, 30.0, 0.0])])
    loc, scale = torch.randn(9, generator=g), torch.randn(9, generator=g) * 2
    for name, t, params in (("Exp", T.ExpTransform(), {}),
                            ("Affine", T.AffineTransform(loc, scale), {"loc": loc, "scale": scale}),
                            ("Sigmoid", T.SigmoidTransform(), {}),
                            ("Tanh", T.TanhTransform(), {}),
                            ("Softplus", T.SoftplusTransform(), {})):
        xs = x.clamp(-15, 15) if name == "Tanh" else x
        y = t(xs)
        case = {"bijector": name, "params": {k: _listify(v) for k, v in params.items()}, "x": _listify(xs),
                "y": _listify(y), "log_det": _listify(t.log_abs_det_jacobian(xs, y))}
        if name in ("Sigmoid", "Tanh"):
            case["inverse_of"] = _listify(y[:6])
            case["inverse"] = _listify(t.inv(y[:6]))
        else:
            case["inverse_of"] = _listify(y)
            case["inverse"] = _listify(t.inv(y))
        cases.append(case)
    xs = torch.tensor([-100.0, 100.0, -40.0, 40.0])
    t = T.SigmoidTransform()
    cases.append({"bijector": "Sigmoid", "params": {}, "x": _listify(xs), "y": _listify(t(xs)),
                  "log_det": _listify(t.log_abs_det_jacobian(xs, t(xs)))})
    y = torch.tensor([1e-300, 1 - 2 ** -53, 0.5])
    cases.append({"bijector": "Sigmoid", "params": {}, "x": _listify(t.inv(y)), "y": _listify(t(t.inv(y))),
                  "log_det": _listify(t.log_abs_det_jacobian(t.inv(y), y)), "inverse_of": _listify(y),
                  "inverse": _listify(t.inv(y)), "float32": False,
                  "why": "1e-300 and 1 - 2^-53 are not float32 numbers"})
    comp = T.ComposeTransform([T.AffineTransform(loc[:3], scale[:3]), T.ExpTransform()])
    xs = torch.randn(3, generator=g)
    cases.append({"bijector": "Compose(Affine,Exp)", "params": {"loc": _listify(loc[:3]),
                                                                "scale": _listify(scale[:3])},
                  "x": _listify(xs), "y": _listify(comp(xs)), "log_det": _listify(comp.log_abs_det_jacobian(xs, comp(xs))),
                  "inverse_of": _listify(comp(xs)), "inverse": _listify(comp.inv(comp(xs)))})
    return cases


# ---- flows, written as in vae4j ----

def planar(x, u, w, b):
    wu = (w * u).sum(-1, keepdim=True)
    u_hat = u + (softplus(wu) - 1 - wu) * w / (w * w).sum(-1, keepdim=True)
    return x + u_hat * torch.tanh((x * w).sum(-1) + b).unsqueeze(-1)


def planar_log_det(x, u, w, b):
    k = softplus((w * u).sum(-1)) - 1
    t = torch.tanh((x * w).sum(-1) + b)
    return torch.log1p((1 - t * t) * k)


def radial(x, x0, alpha_raw, beta_raw):
    alpha = softplus(alpha_raw)
    beta = softplus(beta_raw) - alpha
    diff = x - x0
    h = 1 / (alpha + diff.norm(dim=-1))
    return x + (beta * h).unsqueeze(-1) * diff


def radial_log_det(x, x0, alpha_raw, beta_raw):
    alpha = softplus(alpha_raw)
    beta = softplus(beta_raw) - alpha
    r = (x - x0).norm(dim=-1)
    h = 1 / (alpha + r)
    d = x.shape[-1]
    return (d - 1) * torch.log1p(beta * h) + torch.log1p(beta * h - beta * h * h * r)


class Made:
    """vae4j's Made: degrees i + 1 for inputs, k mod (D - 1) + 1 for hidden units, ReLU, context into layer 0."""

    def __init__(self, dim, hidden, context_dim, g):
        self.dim = dim
        in_deg = torch.arange(1, dim + 1)
        prev = in_deg
        self.layers = []
        for width in hidden:
            deg = torch.arange(width) % max(1, dim - 1) + 1
            mask = (deg.unsqueeze(1) >= prev.unsqueeze(0)).double()
            self.layers.append((torch.randn(width, len(prev), generator=g) * 0.6 * mask,
                                torch.randn(width, generator=g) * 0.3, mask))
            prev = deg
        out_deg = torch.cat([in_deg, in_deg])
        mask = (out_deg.unsqueeze(1) > prev.unsqueeze(0)).double()
        self.layers.append((torch.randn(2 * dim, len(prev), generator=g) * 0.4 * mask,
                            torch.randn(2 * dim, generator=g) * 0.3, mask))
        self.context = torch.randn(hidden[0], context_dim, generator=g) * 0.5 if context_dim else None

    def __call__(self, x, ctx=None):
        h = x
        for i, (w, b, m) in enumerate(self.layers):
            h = h @ (w * m).T + b
            if i == 0 and ctx is not None:
                h = h + ctx @ self.context.T
            if i < len(self.layers) - 1:
                h = torch.relu(h)
        return h[..., :self.dim], h[..., self.dim:]

    def params(self):
        out = {}
        for i, (w, b, _) in enumerate(self.layers):
            name = "output" if i == len(self.layers) - 1 else "layer%d" % i
            out[name + "Weight"] = _listify(w)
            out[name + "Bias"] = _listify(b)
        if self.context is not None:
            out["context"] = _listify(self.context)
        return out


def autoregressive(x, made, ctx, form):
    shift, s = made(x, ctx)
    if form == "AFFINE":
        return shift + torch.exp(s) * x
    gate = torch.sigmoid(s)
    return gate * x + (1 - gate) * shift


def autoregressive_log_det(x, made, ctx, form):
    s = made(x, ctx)[1]
    return s.sum(-1) if form == "AFFINE" else -softplus(-s).sum(-1)


def coupling(x, mask, w1, b1, w2, b2):
    passed = x * mask
    out = torch.tanh(passed @ w1.T + b1) @ w2.T + b2
    d = x.shape[-1]
    s = torch.tanh(out[..., :d]) * (1 - mask)
    t = out[..., d:] * (1 - mask)
    return passed + (x * (1 - mask)) * torch.exp(s) + t


def coupling_log_det(x, mask, w1, b1, w2, b2):
    out = torch.tanh((x * mask) @ w1.T + b1) @ w2.T + b2
    d = x.shape[-1]
    return (torch.tanh(out[..., :d]) * (1 - mask)).sum(-1)


def jacobian_log_det(f, x):
    """log|det J| of f at each row of x (..., D), from autograd's full Jacobian."""
    flat = x.reshape(-1, x.shape[-1])
    out = []
    for row in flat:
        jac = torch.autograd.functional.jacobian(f, row)
        out.append(torch.linalg.slogdet(jac)[1])
    return torch.stack(out).reshape(x.shape[:-1])


def _flow_case(name, params, x, fn, closed_form, extra=None):
    y = fn(x)
    by_jacobian = jacobian_log_det(fn, x)
    assert (by_jacobian - closed_form(x)).abs().max() < 1e-10, (name, by_jacobian, closed_form(x))
    case = {"bijector": name, "params": params, "x": _listify(x), "y": _listify(y), "log_det": _listify(by_jacobian),
            "inverse_of": _listify(y), "inverse": _listify(x)}
    if extra:
        case.update(extra)
    return case


def _flow_cases(g):
    cases = []
    d = 3
    x = torch.randn(4, d, generator=g)
    u, w, b = torch.randn(d, generator=g), torch.randn(d, generator=g), torch.randn((), generator=g)
    cases.append(_flow_case("Planar", {"u": _listify(u), "w": _listify(w), "b": _listify(b)}, x,
                            lambda v: planar(v, u, w, b), lambda v: planar_log_det(v, u, w, b)))
    # amortized: one flow per example of a batch of 4, parameters broadcasting over the rows of x
    u, w, b = torch.randn(4, d, generator=g) * 2, torch.randn(4, d, generator=g), torch.randn(4, generator=g)
    y = planar(x, u, w, b)
    log_det = torch.stack([jacobian_log_det(lambda v, i=i: planar(v, u[i], w[i], b[i]), x[i:i + 1])[0]
                           for i in range(4)])
    assert (log_det - planar_log_det(x, u, w, b)).abs().max() < 1e-10
    cases.append({"bijector": "Planar", "params": {"u": _listify(u), "w": _listify(w), "b": _listify(b)},
                  "x": _listify(x), "y": _listify(y), "log_det": _listify(log_det), "inverse_of": _listify(y),
                  "inverse": _listify(x)})
    x0, ar, br = torch.randn(d, generator=g), torch.randn((), generator=g), torch.randn((), generator=g)
    cases.append(_flow_case("Radial", {"x0": _listify(x0), "alpha_raw": _listify(ar), "beta_raw": _listify(br)}, x,
                            lambda v: radial(v, x0, ar, br), lambda v: radial_log_det(v, x0, ar, br)))
    br = torch.tensor(-3.0)
    cases.append(_flow_case("Radial", {"x0": _listify(x0), "alpha_raw": _listify(ar), "beta_raw": _listify(br)}, x,
                            lambda v: radial(v, x0, ar, br), lambda v: radial_log_det(v, x0, ar, br)))
    d = 4
    x = torch.randn(5, d, generator=g)
    for form in ("AFFINE", "GATED"):
        made = Made(d, [8, 8], 0, g)
        cases.append(_flow_case("AffineAutoregressive", {"form": form, "hidden": [8, 8], "context_dim": 0,
                                                         **made.params()}, x,
                                lambda v: autoregressive(v, made, None, form),
                                lambda v: autoregressive_log_det(v, made, None, form)))
    made = Made(d, [7], 2, g)
    ctx = torch.randn(2, generator=g)
    cases.append(_flow_case("AffineAutoregressive", {"form": "GATED", "hidden": [7], "context_dim": 2,
                                                     "context_value": _listify(ctx), **made.params()}, x,
                            lambda v: autoregressive(v, made, ctx, "GATED"),
                            lambda v: autoregressive_log_det(v, made, ctx, "GATED")))
    mask = torch.tensor([1.0, 0.0, 1.0, 0.0])
    w1, b1 = torch.randn(6, d, generator=g) * 0.7, torch.randn(6, generator=g) * 0.3
    w2, b2 = torch.randn(2 * d, 6, generator=g) * 0.7, torch.randn(2 * d, generator=g) * 0.3
    cases.append(_flow_case("AffineCoupling", {"mask": _listify(mask), "0.weight": _listify(w1), "0.bias": _listify(b1),
                                               "2.weight": _listify(w2), "2.bias": _listify(b2)}, x,
                            lambda v: coupling(v, mask, w1, b1, w2, b2),
                            lambda v: coupling_log_det(v, mask, w1, b1, w2, b2)))
    return cases


def _transformed_cases(g):
    loc, scale = torch.randn(3, generator=g), torch.rand(3, generator=g) + 0.5
    a, s = torch.randn(3, generator=g), torch.randn(3, generator=g)
    dist = D.TransformedDistribution(D.Normal(loc, scale), [T.AffineTransform(a, s), T.ExpTransform()])
    x = dist.sample((2,))
    cases = [{"base": {"family": "Normal", "params": {"loc": _listify(loc), "scale": _listify(scale)}},
              "bijectors": [{"bijector": "Affine", "params": {"loc": _listify(a), "scale": _listify(s)}},
                            {"bijector": "Exp", "params": {}}],
              "x": _listify(x), "log_prob": _listify(dist.log_prob(x))}]
    dist = D.TransformedDistribution(D.Normal(loc, scale), [T.SigmoidTransform()])
    x = dist.sample((2,))
    cases.append({"base": {"family": "Normal", "params": {"loc": _listify(loc), "scale": _listify(scale)}},
                  "bijectors": [{"bijector": "Sigmoid", "params": {}}],
                  "x": _listify(x), "log_prob": _listify(dist.log_prob(x))})
    # a planar flow on a diagonal normal: log p(y) = log N(x) - log|det J| at x = f^-1(y)
    d = 3
    base = D.Independent(D.Normal(torch.zeros(d), torch.ones(d)), 1)
    u, w, b = torch.randn(d, generator=g), torch.randn(d, generator=g), torch.randn((), generator=g)
    z = torch.randn(4, d, generator=g)
    y = planar(z, u, w, b)
    cases.append({"base": {"family": "Independent(Normal,1)", "params": {"loc": _listify(torch.zeros(d)),
                                                                         "scale": _listify(torch.ones(d))}},
                  "bijectors": [{"bijector": "Planar", "params": {"u": _listify(u), "w": _listify(w),
                                                                  "b": _listify(b)}}],
                  "x": _listify(y), "log_prob": _listify(base.log_prob(z) - jacobian_log_det(
                      lambda v: planar(v, u, w, b), z))})
    return cases


def cases():
    torch.manual_seed(1414)  # for the samplers that take no generator
    g = torch.Generator().manual_seed(1414)
    return {"bijectors": _elementwise_cases(g) + _flow_cases(g), "transformed": _transformed_cases(g)}
