package org.vae4j.core.optim;

import java.util.Map;
import org.vae4j.api.Tensor;

/**
 * RMSProp (Hinton's lecture 6e) with PyTorch's {@code torch.optim.RMSprop} formulas. With
 * {@code g = grad + weightDecay * p}:
 * <pre>
 *   sq   = alpha * sq + (1 - alpha) * g * g
 *   avg  = centered ? sqrt(sq - ga * ga) + eps, with ga = ga + (1 - alpha) * (g - ga)
 *                   : sqrt(sq) + eps
 *   buf  = momentum * buf + g / avg;  p = p - lr * buf      (momentum &gt; 0)
 *   p    = p - lr * g / avg                                  (otherwise)
 * </pre>
 * State: {@code rmsprop.square_avg.<name>}, plus {@code rmsprop.grad_avg.<name>} when centered and
 * {@code rmsprop.momentum.<name>} with momentum.
 */
public final class RmsProp extends AbstractOptimizer {
  private final double alpha;
  private final double eps;
  private final double weightDecay;
  private final double momentum;
  private final boolean centered;
  private final Map<String, Tensor> squareAverages;
  private final Map<String, Tensor> gradAverages;
  private final Map<String, Tensor> buffers;

  private RmsProp(Builder b, Map<String, Tensor> parameters) {
    super(parameters, b.schedule);
    this.alpha = b.alpha;
    this.eps = b.eps;
    this.weightDecay = b.weightDecay;
    this.momentum = b.momentum;
    this.centered = b.centered;
    this.squareAverages = newStates("square_avg", 0.0);
    this.gradAverages = centered ? newStates("grad_avg", 0.0) : Map.of();
    this.buffers = momentum > 0 ? newStates("momentum", 0.0) : Map.of();
  }

  /** A builder with a constant learning rate and PyTorch's defaults (alpha 0.99, eps 1e-8). */
  public static Builder builder(double learningRate) {
    return new Builder(LearningRateSchedule.constant(learningRate));
  }

  /** A builder with a learning-rate schedule. */
  public static Builder builder(LearningRateSchedule schedule) {
    return new Builder(schedule);
  }

  @Override
  public String kind() {
    return "rmsprop";
  }

  @Override
  void update(String name, Tensor p, Tensor grad, double lr, long t) {
    Tensor g = weightDecay != 0 ? grad.add(p.mul(weightDecay)) : grad;
    Tensor sq = squareAverages.get(name);
    sq.assign(sq.mul(alpha).add(g.mul(g).mul(1 - alpha)));
    Tensor avg;
    if (centered) {
      Tensor ga = gradAverages.get(name);
      ga.assign(ga.add(g.sub(ga).mul(1 - alpha)));
      avg = sq.sub(ga.mul(ga)).sqrt().add(eps);
    } else {
      avg = sq.sqrt().add(eps);
    }
    if (momentum > 0) {
      Tensor buf = buffers.get(name);
      buf.assign(buf.mul(momentum).add(g.div(avg)));
      p.assign(p.sub(buf.mul(lr)));
    } else {
      p.assign(p.sub(g.div(avg).mul(lr)));
    }
  }

  /** Options of {@link RmsProp}; defaults are PyTorch's. */
  public static final class Builder {
    private final LearningRateSchedule schedule;
    private double alpha = 0.99;
    private double eps = 1e-8;
    private double weightDecay;
    private double momentum;
    private boolean centered;

    private Builder(LearningRateSchedule schedule) {
      this.schedule = schedule;
    }

    /** Smoothing constant of the squared-gradient average, in [0, 1); default 0.99. */
    public Builder alpha(double alpha) {
      requireFraction("rmsprop", "alpha", alpha);
      this.alpha = alpha;
      return this;
    }

    /** Term added to the denominator; default 1e-8. */
    public Builder eps(double eps) {
      requireNonNegative("rmsprop", "eps", eps);
      this.eps = eps;
      return this;
    }

    /** L2 penalty coefficient added to the gradient; default 0. */
    public Builder weightDecay(double weightDecay) {
      requireNonNegative("rmsprop", "weightDecay", weightDecay);
      this.weightDecay = weightDecay;
      return this;
    }

    /** Momentum factor in [0, 1); default 0. */
    public Builder momentum(double momentum) {
      requireFraction("rmsprop", "momentum", momentum);
      this.momentum = momentum;
      return this;
    }

    /** Normalizes by an estimate of the gradient's variance instead of its second moment. */
    public Builder centered(boolean centered) {
      this.centered = centered;
      return this;
    }

    /** An optimizer over {@code parameters} (for instance {@code module.namedParameters()}). */
    public RmsProp build(Map<String, Tensor> parameters) {
      return new RmsProp(this, parameters);
    }
  }
}
