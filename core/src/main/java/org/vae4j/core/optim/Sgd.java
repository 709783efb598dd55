package org.vae4j.core.optim;

import java.util.Map;
import org.vae4j.api.Tensor;

/**
 * Stochastic gradient descent with optional momentum (heavy-ball or Nesterov), dampening and L2 weight
 * decay, with PyTorch's {@code torch.optim.SGD} formulas. With {@code g = grad + weightDecay * p}:
 * <pre>
 *   buf = g                                   at the first step
 *   buf = momentum * buf + (1 - dampening) * g  afterwards
 *   d   = nesterov ? g + momentum * buf : buf
 *   p   = p - lr * d
 * </pre>
 * Without momentum, {@code p = p - lr * g}. State: {@code sgd.momentum.<name>} (only with momentum).
 */
public final class Sgd extends AbstractOptimizer {
  private final double momentum;
  private final double dampening;
  private final boolean nesterov;
  private final double weightDecay;
  private final Map<String, Tensor> buffers;

  private Sgd(Builder b, Map<String, Tensor> parameters) {
    super(parameters, b.schedule);
    this.momentum = b.momentum;
    this.dampening = b.dampening;
    this.nesterov = b.nesterov;
    this.weightDecay = b.weightDecay;
    this.buffers = momentum > 0 ? newStates("momentum", 0.0) : Map.of();
  }

  /** A builder with the given constant learning rate, no momentum and no weight decay. */
  public static Builder builder(double learningRate) {
    return new Builder(LearningRateSchedule.constant(learningRate));
  }

  /** A builder with a learning-rate schedule. */
  public static Builder builder(LearningRateSchedule schedule) {
    return new Builder(schedule);
  }

  @Override
  public String kind() {
    return "sgd";
  }

  @Override
  void update(String name, Tensor p, Tensor grad, double lr, long t) {
    Tensor g = weightDecay != 0 ? grad.add(p.mul(weightDecay)) : grad;
    Tensor d = g;
    if (momentum > 0) {
      Tensor buf = buffers.get(name);
      buf.assign(t == 1 ? g.detach() : buf.mul(momentum).add(dampening == 0 ? g : g.mul(1 - dampening)));
      d = nesterov ? g.add(buf.mul(momentum)) : buf;
    }
    p.assign(p.sub(d.mul(lr)));
  }

  /** Options of {@link Sgd}; defaults are PyTorch's. */
  public static final class Builder {
    private final LearningRateSchedule schedule;
    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;

    private Builder(LearningRateSchedule schedule) {
      this.schedule = schedule;
    }

    /** Momentum factor in [0, 1); 0 (the default) turns momentum off. */
    public Builder momentum(double momentum) {
      requireFraction("sgd", "momentum", momentum);
      this.momentum = momentum;
      return this;
    }

    /** Dampening of the gradient added to the momentum buffer, in [0, 1); default 0. */
    public Builder dampening(double dampening) {
      requireFraction("sgd", "dampening", dampening);
      this.dampening = dampening;
      return this;
    }

    /** Nesterov momentum; needs momentum > 0 and dampening 0. */
    public Builder nesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    /** L2 penalty coefficient added to the gradient; default 0. */
    public Builder weightDecay(double weightDecay) {
      requireNonNegative("sgd", "weightDecay", weightDecay);
      this.weightDecay = weightDecay;
      return this;
    }

    /** An optimizer over {@code parameters} (for instance {@code module.namedParameters()}). */
    public Sgd build(Map<String, Tensor> parameters) {
      if (nesterov && (momentum <= 0 || dampening != 0)) {
        throw new IllegalArgumentException("sgd: Nesterov momentum needs momentum > 0 and dampening 0, got momentum="
            + momentum + ", dampening=" + dampening);
      }
      return new Sgd(this, parameters);
    }
  }
}
