package org.vae4j.core.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.vae4j.api.Distribution;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.distributions.DiagonalNormal;
import org.vae4j.core.distributions.TransformedDistribution;
import org.vae4j.core.nn.Inits;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.transforms.AffineAutoregressive;
import org.vae4j.core.transforms.Bijector;
import org.vae4j.core.transforms.Made;
import org.vae4j.core.transforms.Permutation;
import org.vae4j.core.transforms.Planar;

/**
 * A normalizing-flow guide: a diagonal normal over the unconstrained coordinates ({@code loc}, {@code
 * scaleRaw}) pushed through K flow steps, either planar ({@code planarK.u}, {@code .w}, {@code .b}) or
 * inverse autoregressive (a {@link Made} per step, gated updates, the order reversed between steps), as
 * Pyro's {@code AutoIAFNormal}. It can represent correlated and skewed posteriors.
 */
public final class FlowGuide extends PackedGuide {
  private final Tensor loc;
  private final Tensor scaleRaw;
  private final List<Supplier<Bijector>> steps = new ArrayList<>();

  private FlowGuide(List<Latent> latents, double initScale, ParameterFactory params) {
    super(latents);
    this.loc = registerParameter("loc", params.create(Shape.of(dim()), Inits.zeros()));
    this.scaleRaw = registerParameter("scaleRaw", params.create(Shape.of(dim()),
        Inits.constant(inverseSoftplus(initScale))));
  }

  /** K planar steps, parameters drawn small (normal, 0.1) so the flow starts near the identity. */
  public static FlowGuide planar(List<Latent> latents, int k, double initScale, ParameterFactory params) {
    FlowGuide g = new FlowGuide(latents, initScale, params);
    for (int i = 0; i < k; i++) {
      Tensor u = g.registerParameter("planar" + i + "U", params.create(Shape.of(g.dim()), Inits.normal(0.1)));
      Tensor w = g.registerParameter("planar" + i + "W", params.create(Shape.of(g.dim()), Inits.normal(0.1)));
      Tensor b = g.registerParameter("planar" + i + "B", params.create(Shape.scalar(), Inits.zeros()));
      g.steps.add(() -> new Planar(u, w, b));
    }
    return g;
  }

  /** K gated IAF steps with MADEs of the given hidden widths, the coordinate order reversed between steps. */
  public static FlowGuide iaf(List<Latent> latents, int k, int[] hidden, double initScale, ParameterFactory params) {
    FlowGuide g = new FlowGuide(latents, initScale, params);
    for (int i = 0; i < k; i++) {
      Made made = g.registerModule("iaf" + i, new Made(g.dim(), hidden, 0, 2.0, params));
      if (i > 0) {
        Permutation reverse = Permutation.reverse(g.dim());
        g.steps.add(() -> reverse);
      }
      g.steps.add(() -> new AffineAutoregressive(made, null, AffineAutoregressive.Form.GATED));
    }
    return g;
  }

  @Override
  public Distribution unconstrained() {
    List<Bijector> bijectors = new ArrayList<>();
    steps.forEach(s -> bijectors.add(s.get()));
    return new TransformedDistribution(DiagonalNormal.of(loc, scaleRaw.softplus()), bijectors);
  }
}
