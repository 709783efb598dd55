package org.vae4j.core.inference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.transforms.Bijector;

/**
 * The automatic guides' common part (ADVI's construction): a distribution over one unconstrained vector of
 * all the latents' coordinates, in the model's latent order, unpacked into the latents and mapped into their
 * supports, {@code log q} corrected by each support bijector's log-determinant. Subclasses give the
 * distribution of the vector.
 */
public abstract class PackedGuide extends ModuleBase implements Guide {
  private final List<Latent> latents;
  private final int dim;

  protected PackedGuide(List<Latent> latents) {
    if (latents.isEmpty()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": the model has no latents");
    }
    this.latents = List.copyOf(latents);
    this.dim = this.latents.stream().mapToInt(Latent::size).sum();
  }

  /** The latents, in the packing order. */
  public List<Latent> latents() {
    return latents;
  }

  /** The length of the unconstrained vector: the latents' coordinates together. */
  public int dim() {
    return dim;
  }

  /** The distribution of the unconstrained vector: empty batch, event {@code (dim())}. */
  public abstract Distribution unconstrained();

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public GuideSample sample(RandomStream rng, int samples, boolean reparameterized) {
    Distribution q = unconstrained();
    Shape s = Shape.of(samples);
    Tensor u = reparameterized ? q.rsample(rng, s) : q.sample(rng, s).detach();
    Tensor logQ = q.logProb(u);
    Map<String, Tensor> values = new LinkedHashMap<>();
    int offset = 0;
    for (Latent latent : latents) {
      Tensor part = u.slice(-1, offset, offset + latent.size()).reshape(s.append(latent.shape()));
      offset += latent.size();
      Bijector toSupport = latent.support().bijector();
      if (toSupport == null) {
        values.put(latent.name(), part);
        continue;
      }
      Tensor value = toSupport.forward(part);
      logQ = logQ.sub(toSupport.logAbsDetJacobian(part, value).reshape(samples, -1).sum(-1));
      values.put(latent.name(), value);
    }
    return new GuideSample(values, logQ, reparameterized);
  }

  /** The inverse of softplus, for initial scales: {@code log(expm1(s))}. */
  static double inverseSoftplus(double s) {
    return s > 20 ? s : Math.log(Math.expm1(s));
  }
}
