package org.vae4j.core.contract;

import java.util.List;
import java.util.Map;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.inference.JointModel;
import org.vae4j.core.inference.Latent;

/**
 * The eight-schools model (Rubin 1981; Gelman et al., BDA3 section 5.5) in its non-centred form, as in Stan's
 * and posteriordb's {@code eight_schools_noncentered}: {@code mu ~ N(0, 5)}, {@code tau ~ HalfCauchy(5)},
 * {@code eta_j ~ N(0, 1)}, {@code y_j ~ N(mu + tau eta_j, sigma_j)}. Also the exact posterior moments of mu and
 * tau, by quadrature of their marginal posterior (theta integrates out: {@code y_j ~ N(mu, sigma_j^2 + tau^2)}).
 */
final class EightSchools implements JointModel {
  static final double[] Y = {28, 8, -3, 7, -1, 1, 18, 12};
  static final double[] SIGMA = {15, 10, 16, 11, 9, 11, 10, 18};
  /**
   * Long-run NUTS summaries of this model (Betancourt, "Diagnosing Biased Inference with Divergences", Stan case
   * study, 2017, non-centred fit): posterior mean and sd of mu, then of tau.
   */
  static final double[] PUBLISHED_MCMC = {4.4, 3.3, 3.6, 3.2};
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private final Tensor y;
  private final Tensor sigma;

  EightSchools(TensorFactory f, DType dtype) {
    this.y = f.of(Y, Shape.of(8), dtype);
    this.sigma = f.of(SIGMA, Shape.of(8), dtype);
  }

  @Override
  public List<Latent> latents() {
    return List.of(Latent.real("mu"), Latent.positive("tau"), Latent.real("eta", 8));
  }

  private static Tensor normal(Tensor x, Tensor loc, double scale) {
    return x.sub(loc).div(scale).square().mul(-0.5).sub(Math.log(scale) + HALF_LOG_2PI);
  }

  @Override
  public Tensor logJoint(Map<String, Tensor> z) {
    Tensor mu = z.get("mu");
    Tensor tau = z.get("tau");
    Tensor eta = z.get("eta");
    Tensor zero = mu.factory().scalar(0.0, mu.dtype());
    Tensor prior = normal(mu, zero, 5).add(tau.div(5.0).square().log1p().neg().add(Math.log(2 / (Math.PI * 5))))
        .add(normal(eta, zero, 1).sum(-1));
    Tensor theta = mu.unsqueeze(-1).add(tau.unsqueeze(-1).mul(eta));
    Tensor lik = theta.sub(y).div(sigma).square().mul(-0.5).sub(sigma.log()).sub(HALF_LOG_2PI).sum(-1);
    return prior.add(lik);
  }

  /**
   * {@code {E mu, sd mu, E tau, sd tau}} under the exact posterior, by the midpoint rule on a grid of 600 mu
   * in [-40, 50] and 2000 log tau in [-12, log 5000] (tau's cells weighted by tau, for the Cauchy tail and the
   * mass near 0): the moments to about 1e-3.
   */
  static double[] exactMoments() {
    int nm = 600;
    int nt = 2000;
    double lo = -12;
    double dt = (Math.log(5000) - lo) / nt;
    double[] lp = new double[nm * nt];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < nm; i++) {
      double mu = -40 + 90.0 * (i + 0.5) / nm;
      for (int j = 0; j < nt; j++) {
        double tau = Math.exp(lo + (j + 0.5) * dt);
        double v = -0.5 * (mu / 5) * (mu / 5) - Math.log1p((tau / 5) * (tau / 5)) + Math.log(tau);
        for (int n = 0; n < 8; n++) {
          double var = SIGMA[n] * SIGMA[n] + tau * tau;
          v += -0.5 * Math.log(var) - 0.5 * (Y[n] - mu) * (Y[n] - mu) / var;
        }
        lp[i * nt + j] = v;
        max = Math.max(max, v);
      }
    }
    double[] s = new double[5];
    for (int i = 0; i < nm; i++) {
      double mu = -40 + 90.0 * (i + 0.5) / nm;
      for (int j = 0; j < nt; j++) {
        double tau = Math.exp(lo + (j + 0.5) * dt);
        double w = Math.exp(lp[i * nt + j] - max);
        s[0] += w;
        s[1] += w * mu;
        s[2] += w * mu * mu;
        s[3] += w * tau;
        s[4] += w * tau * tau;
      }
    }
    double em = s[1] / s[0];
    double et = s[3] / s[0];
    return new double[] {em, Math.sqrt(s[2] / s[0] - em * em), et, Math.sqrt(s[4] / s[0] - et * et)};
  }
}
