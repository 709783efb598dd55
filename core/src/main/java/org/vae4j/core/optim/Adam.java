package org.vae4j.core.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.AdamStep;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.autodiff.TapeTensor;

/**
 * Adam (Kingma and Ba, 2015) with bias correction, with PyTorch's {@code torch.optim.Adam} formulas, or
 * AdamW's decoupled weight decay ({@code torch.optim.AdamW}) when {@link Builder#decoupledWeightDecay}.
 * At step t (from 1):
 * <pre>
 *   g  = grad + weightDecay * p            (Adam; AdamW instead sets p = p * (1 - lr * weightDecay))
 *   m  = m + (1 - beta1) * (g - m)
 *   v  = beta2 * v + (1 - beta2) * g * g
 *   p  = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * State: {@code adam.m.<name>}, {@code adam.v.<name>}. The bias correction counts the optimizer's steps;
 * PyTorch counts per parameter, which is the same whenever every parameter gets a gradient at every step.
 * On a backend announcing {@link Capability#FUSED_ADAM} the last three lines run as one kernel
 * ({@link org.vae4j.api.spi.Kernels#adamUpdates}, all of one backend's parameters in one call), equal to the
 * composition to the dtype's rounding.
 */
public final class Adam extends AbstractOptimizer {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final boolean decoupled;
  private final Map<String, Tensor> firstMoments;
  private final Map<String, Tensor> secondMoments;

  private Adam(Builder b, Map<String, Tensor> parameters) {
    super(parameters, b.schedule);
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.eps = b.eps;
    this.weightDecay = b.weightDecay;
    this.decoupled = b.decoupled;
    this.firstMoments = newStates("m", 0.0);
    this.secondMoments = newStates("v", 0.0);
  }

  /** A builder with a constant learning rate and PyTorch's defaults (betas 0.9, 0.999, eps 1e-8). */
  public static Builder builder(double learningRate) {
    return new Builder(LearningRateSchedule.constant(learningRate));
  }

  /** A builder with a learning-rate schedule. */
  public static Builder builder(LearningRateSchedule schedule) {
    return new Builder(schedule);
  }

  @Override
  public String kind() {
    return "adam";
  }

  @Override
  void update(String name, Tensor p, Tensor grad, double lr, long t) {
    updateAll(List.of(new ParameterGradient(name, p, grad)), lr, t);
  }

  /**
   * The parameters the backend can step in one kernel go to it together, one
   * {@link org.vae4j.api.spi.Kernels#adamUpdates} call per backend instance; the others take the composition.
   */
  @Override
  void updateAll(List<ParameterGradient> updates, double lr, long t) {
    AdamStep step = new AdamStep(lr, beta1, beta2, eps, t);
    Map<Kernels, FusedUpdates> fused = new LinkedHashMap<>();
    for (ParameterGradient u : updates) {
      Tensor p = u.parameter();
      TapeTensor tp = TapeTensor.of(p);
      FusedUpdates pending = fused.get(tp.kernels());
      if (pending != null && pending.holds(tp)) {
        // one tensor under two names is stepped twice, the second time from the first step's result
        pending.run(tp.kernels(), step);
        fused.remove(tp.kernels());
      }
      Tensor g = withWeightDecay(p, u.grad(), lr);
      Tensor m = firstMoments.get(u.name());
      Tensor v = secondMoments.get(u.name());
      TapeTensor tm = TapeTensor.of(m);
      TapeTensor tv = TapeTensor.of(v);
      if (tp.kernels().capabilities().contains(Capability.FUSED_ADAM) && !tp.sharesBuffer() && !tm.sharesBuffer()
          && !tv.sharesBuffer()) {
        fused.computeIfAbsent(tp.kernels(), k -> new FusedUpdates()).add(tp, TapeTensor.of(g), tm, tv);
      } else {
        composedUpdate(p, g, m, v, lr, t);
      }
    }
    fused.forEach((kernels, batch) -> batch.run(kernels, step));
  }

  /** The gradient with Adam's L2 term added, or the parameter decayed in place first (AdamW). */
  private Tensor withWeightDecay(Tensor p, Tensor grad, double lr) {
    if (weightDecay == 0) {
      return grad;
    }
    if (decoupled) {
      p.assign(p.mul(1 - lr * weightDecay));
      return grad;
    }
    return grad.add(p.mul(weightDecay));
  }

  private void composedUpdate(Tensor p, Tensor g, Tensor m, Tensor v, double lr, long t) {
    double stepSize = lr / (1 - Math.pow(beta1, t));
    double correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
    m.assign(m.add(g.sub(m).mul(1 - beta1)));
    v.assign(v.mul(beta2).add(g.mul(g).mul(1 - beta2)));
    Tensor denominator = v.sqrt().div(correction2Sqrt).add(eps);
    p.assign(p.sub(m.div(denominator).mul(stepSize)));
  }

  /**
   * The backend's one-kernel steps of one backend instance's parameters: the moments are updated in place (this
   * optimizer owns their memory exclusively: they come from {@code full}, and {@code loadState} stores copies);
   * each parameter gets a new buffer, or is updated in place by a backend without views, so views of its old
   * values made with {@code detach()} keep them either way. Used only while no other tensor shares the three
   * buffers (an identity result such as {@code p.reshape(p.shape())} would); otherwise the composition runs.
   */
  private static final class FusedUpdates {
    private final List<TapeTensor> params = new ArrayList<>();
    private final List<Buffer> paramBuffers = new ArrayList<>();
    private final List<Buffer> grads = new ArrayList<>();
    private final List<Buffer> ms = new ArrayList<>();
    private final List<Buffer> vs = new ArrayList<>();

    boolean holds(TapeTensor p) {
      return params.stream().anyMatch(q -> q == p);
    }

    void add(TapeTensor p, TapeTensor g, TapeTensor m, TapeTensor v) {
      params.add(p);
      paramBuffers.add(p.buffer());
      grads.add(g.buffer());
      ms.add(m.buffer());
      vs.add(v.buffer());
    }

    void run(Kernels kernels, AdamStep step) {
      List<Buffer> updated = kernels.adamUpdates(paramBuffers, grads, ms, vs, step);
      for (int i = 0; i < params.size(); i++) {
        if (updated.get(i) != paramBuffers.get(i)) {
          params.get(i).replaceBuffer(updated.get(i));
        }
      }
    }
  }

  /** Options of {@link Adam}; defaults are PyTorch's. */
  public static final class Builder {
    private final LearningRateSchedule schedule;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private boolean decoupled;

    private Builder(LearningRateSchedule schedule) {
      this.schedule = schedule;
    }

    /** Decay rates of the first and second moment estimates, each in [0, 1). */
    public Builder betas(double beta1, double beta2) {
      requireFraction("adam", "beta1", beta1);
      requireFraction("adam", "beta2", beta2);
      this.beta1 = beta1;
      this.beta2 = beta2;
      return this;
    }

    /** Term added to the denominator; default 1e-8. */
    public Builder eps(double eps) {
      requireNonNegative("adam", "eps", eps);
      this.eps = eps;
      return this;
    }

    /** Weight-decay coefficient; default 0. L2 added to the gradient unless decoupled. */
    public Builder weightDecay(double weightDecay) {
      requireNonNegative("adam", "weightDecay", weightDecay);
      this.weightDecay = weightDecay;
      return this;
    }

    /** AdamW: decay the parameters directly by {@code lr * weightDecay} instead of adding L2 to the gradient. */
    public Builder decoupledWeightDecay(boolean decoupled) {
      this.decoupled = decoupled;
      return this;
    }

    /** An optimizer over {@code parameters} (for instance {@code module.namedParameters()}). */
    public Adam build(Map<String, Tensor> parameters) {
      return new Adam(this, parameters);
    }
  }
}
