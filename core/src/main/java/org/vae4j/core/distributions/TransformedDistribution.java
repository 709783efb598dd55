package org.vae4j.core.distributions;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.transforms.Bijector;
import org.vae4j.core.transforms.Bijectors;

/**
 * The distribution of {@code y = f_n(... f_1(x))} for x from a base distribution (torch's and TFP's
 * {@code TransformedDistribution}), by the change of variables
 * {@code log p(y) = log p_base(x) - sum_i log|det J_i|}: normalizing flows, and with elementwise bijectors
 * the log-normal, logit-normal and friends.
 *
 * <p>Shapes: the event rank is the larger of the base's and the bijectors' {@code eventDims()}; base batch
 * axes beyond the base's event become event axes (a base Normal of batch {@code (N, D)} under a planar flow
 * gives batch {@code (N)} and event {@code (D)}).
 *
 * <p>Caching: {@link #rsample} and {@link #sample} remember their last draw with every intermediate value,
 * so that {@code logProb} of that same tensor object (as an ELBO computes right after drawing) needs no
 * inverse, as torch's {@code cache_size=1}; flows without a cheap inverse (planar, IAF) are evaluated that
 * way. For any other value the bijectors are inverted. Mean, variance and entropy have no closed form and
 * are refused. Use from one thread at a time.
 */
public final class TransformedDistribution extends AbstractDistribution {
  private final Distribution base;
  private final List<Bijector> bijectors;
  private final int eventRank;
  private Tensor lastDraw;
  private List<Tensor> lastChain;

  /** @throws IllegalArgumentException when a bijector's event rank exceeds the base's batch and event rank */
  public TransformedDistribution(Distribution base, List<Bijector> bijectors) {
    super(batchOf(base, bijectors), eventOf(base, bijectors));
    this.base = base;
    this.bijectors = List.copyOf(bijectors);
    this.eventRank = eventOf(base, bijectors).rank();
  }

  public TransformedDistribution(Distribution base, Bijector... bijectors) {
    this(base, List.of(bijectors));
  }

  private static int rank(Distribution base, List<Bijector> bijectors) {
    int r = base.eventShape().rank();
    for (Bijector b : bijectors) {
      r = Math.max(r, b.eventDims());
    }
    int all = base.batchShape().rank() + base.eventShape().rank();
    if (r > all) {
      throw new IllegalArgumentException("TransformedDistribution: a bijector acts on events of rank " + r
          + " but the base " + base.getClass().getSimpleName() + " has batch " + base.batchShape() + " and event "
          + base.eventShape());
    }
    return r;
  }

  private static Shape eventOf(Distribution base, List<Bijector> bijectors) {
    return base.batchShape().append(base.eventShape()).last(rank(base, bijectors));
  }

  private static Shape batchOf(Distribution base, List<Bijector> bijectors) {
    int extra = rank(base, bijectors) - base.eventShape().rank();
    return base.batchShape().dropLast(extra);
  }

  @Override
  public String family() {
    String name = base instanceof AbstractDistribution a ? a.family() : base.getClass().getSimpleName();
    return "TransformedDistribution(" + name + ", " + bijectors + ")";
  }

  /** The base distribution. */
  public Distribution base() {
    return base;
  }

  /** The bijectors, in the order they are applied. */
  public List<Bijector> bijectors() {
    return bijectors;
  }

  @Override
  public DType dtype() {
    return base instanceof AbstractDistribution a ? a.dtype() : base.mean().dtype();
  }

  @Override
  public boolean hasRsample() {
    return base.hasRsample();
  }

  @Override
  public Tensor sample(RandomStream rng, Shape sampleShape) {
    return push(base.sample(rng, sampleShape));
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    return push(base.rsample(rng, sampleShape));
  }

  private Tensor push(Tensor x) {
    List<Tensor> chain = new ArrayList<>();
    chain.add(x);
    Tensor y = x;
    for (Bijector b : bijectors) {
      y = b.forward(y);
      chain.add(y);
    }
    lastDraw = y;
    lastChain = chain;
    return y;
  }

  /** The values before each bijector and after the last: cached for the last draw, else by inversion. */
  private List<Tensor> chainFor(Tensor y) {
    if (y == lastDraw && !y.isClosed() && lastChain.stream().noneMatch(Tensor::isClosed)) {
      return lastChain;
    }
    Tensor[] chain = new Tensor[bijectors.size() + 1];
    chain[bijectors.size()] = y;
    for (int i = bijectors.size() - 1; i >= 0; i--) {
      chain[i] = bijectors.get(i).inverse(chain[i + 1]);
    }
    return List.of(chain);
  }

  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    List<Tensor> chain = chainFor(value);
    Tensor lp = Independent.sumRightmost(base.logProb(chain.get(0)), eventRank - base.eventShape().rank());
    for (int i = 0; i < bijectors.size(); i++) {
      Bijector b = bijectors.get(i);
      Tensor logDet = b.logAbsDetJacobian(chain.get(i), chain.get(i + 1));
      lp = lp.sub(Independent.sumRightmost(logDet, eventRank - b.eventDims()));
    }
    return lp;
  }

  @Override
  public Tensor mean() {
    throw new UnsupportedOperationException(family() + " has no closed-form mean; estimate it from samples");
  }

  @Override
  public Tensor variance() {
    throw new UnsupportedOperationException(family() + " has no closed-form variance; estimate it from samples");
  }

  /** The composition of the bijectors as one. */
  public Bijector bijector() {
    return Bijectors.compose(bijectors);
  }
}
