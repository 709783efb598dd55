package org.vae4j.core.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.LatentVariableModel;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Functions;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.DiagonalNormal;
import org.vae4j.core.distributions.Independent;
import org.vae4j.core.random.PhiloxStream;

/**
 * A linear VAE in FLOAT32 for tests: q(z|x) = N(x W_mu, exp(x W_lv)) and p(x|z) = Bernoulli(logits
 * z W_dec + b) over D binary pixels, with latent dimension E.
 */
final class TinyBernoulliVae implements LatentVariableModel {
  private final TensorFactory f;
  private final int latent;
  private final Map<String, Tensor> params = new LinkedHashMap<>();

  TinyBernoulliVae(TensorFactory f, int data, int latent, long seed) {
    this.f = f;
    this.latent = latent;
    PhiloxStream rng = PhiloxStream.seeded(seed);
    params.put("mu", weight(rng, latent, data));
    params.put("logVar", weight(rng, latent, data));
    params.put("dec", weight(rng, data, latent));
    params.put("bias", f.zeros(Shape.of(data), DType.FLOAT32).requireGrad());
  }

  private Tensor weight(PhiloxStream rng, int out, int in) {
    double[] w = rng.normalDoubles(out * in);
    for (int i = 0; i < w.length; i++) {
      w[i] *= 0.1;
    }
    return f.of(w, Shape.of(out, in), DType.FLOAT32).requireGrad();
  }

  @Override
  public Distribution prior() {
    return DiagonalNormal.standard(f, latent, DType.FLOAT32);
  }

  @Override
  public Distribution encode(Tensor x) {
    return DiagonalNormal.fromLogVariance(Functions.linear(x, params.get("mu"), null),
        Functions.linear(x, params.get("logVar"), null));
  }

  @Override
  public Distribution decode(Tensor z) {
    return new Independent(Bernoulli.fromLogits(Functions.linear(z, params.get("dec"), params.get("bias"))), 1);
  }

  @Override
  public Map<String, Tensor> namedParameters() {
    return params;
  }
}
