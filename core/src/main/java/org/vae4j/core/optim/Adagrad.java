package org.vae4j.core.optim;

import java.util.Map;
import org.vae4j.api.Tensor;

/**
 * Adagrad (Duchi et al., 2011), the optimizer of Kingma and Welling's AEVB experiments, with PyTorch's
 * {@code torch.optim.Adagrad} formulas. At step t (from 1), with {@code g = grad + weightDecay * p}:
 * <pre>
 *   sum = sum + g * g
 *   p   = p - lr / (1 + (t - 1) * lrDecay) * g / (sqrt(sum) + eps)
 * </pre>
 * State: {@code adagrad.sum.<name>}, starting at {@code initialAccumulatorValue}.
 */
public final class Adagrad extends AbstractOptimizer {
  private final double lrDecay;
  private final double eps;
  private final double weightDecay;
  private final Map<String, Tensor> sums;

  private Adagrad(Builder b, Map<String, Tensor> parameters) {
    super(parameters, b.schedule);
    this.lrDecay = b.lrDecay;
    this.eps = b.eps;
    this.weightDecay = b.weightDecay;
    this.sums = newStates("sum", b.initialAccumulatorValue);
  }

  /** A builder with a constant learning rate and PyTorch's defaults (eps 1e-10). */
  public static Builder builder(double learningRate) {
    return new Builder(LearningRateSchedule.constant(learningRate));
  }

  /** A builder with a learning-rate schedule. */
  public static Builder builder(LearningRateSchedule schedule) {
    return new Builder(schedule);
  }

  @Override
  public String kind() {
    return "adagrad";
  }

  @Override
  void update(String name, Tensor p, Tensor grad, double lr, long t) {
    Tensor g = weightDecay != 0 ? grad.add(p.mul(weightDecay)) : grad;
    double clr = lr / (1 + (t - 1) * lrDecay);
    Tensor sum = sums.get(name);
    sum.assign(sum.add(g.mul(g)));
    p.assign(p.sub(g.div(sum.sqrt().add(eps)).mul(clr)));
  }

  /** Options of {@link Adagrad}; defaults are PyTorch's. */
  public static final class Builder {
    private final LearningRateSchedule schedule;
    private double lrDecay;
    private double eps = 1e-10;
    private double weightDecay;
    private double initialAccumulatorValue;

    private Builder(LearningRateSchedule schedule) {
      this.schedule = schedule;
    }

    /** Learning-rate decay per step; default 0. */
    public Builder lrDecay(double lrDecay) {
      requireNonNegative("adagrad", "lrDecay", lrDecay);
      this.lrDecay = lrDecay;
      return this;
    }

    /** Term added to the denominator; default 1e-10. */
    public Builder eps(double eps) {
      requireNonNegative("adagrad", "eps", eps);
      this.eps = eps;
      return this;
    }

    /** L2 penalty coefficient added to the gradient; default 0. */
    public Builder weightDecay(double weightDecay) {
      requireNonNegative("adagrad", "weightDecay", weightDecay);
      this.weightDecay = weightDecay;
      return this;
    }

    /** Starting value of the squared-gradient sums; default 0. */
    public Builder initialAccumulatorValue(double value) {
      requireNonNegative("adagrad", "initialAccumulatorValue", value);
      this.initialAccumulatorValue = value;
      return this;
    }

    /** An optimizer over {@code parameters} (for instance {@code module.namedParameters()}). */
    public Adagrad build(Map<String, Tensor> parameters) {
      return new Adagrad(this, parameters);
    }
  }
}
