package org.vae4j.core.contract;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.inference.JointModel;
import org.vae4j.core.inference.Latent;

/**
 * Bayesian linear regression with a known noise scale: {@code w ~ N(0, I)} over D = 3 weights,
 * {@code y_n ~ N(x_n . w, 0.5^2)} for N = 40 synthetic points whose first two features are correlated
 * (0.95), so that the posterior of their weights is strongly correlated. The posterior is Gaussian:
 * precision {@code Lambda = I + X^T X / s^2}, mean {@code Lambda^-1 X^T y / s^2}.
 */
final class BayesianLinearRegression implements JointModel {
  static final int N = 40;
  static final int D = 3;
  static final double NOISE = 0.5;
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
  final double[] x = new double[N * D];
  final double[] y = new double[N];
  private final Tensor xs;
  private final Tensor ys;

  BayesianLinearRegression(TensorFactory f, DType dtype) {
    Random r = new Random(14);
    double[] w = {1.5, -0.8, 0.4};
    for (int n = 0; n < N; n++) {
      double a = r.nextGaussian();
      x[n * D] = a;
      x[n * D + 1] = 0.95 * a + Math.sqrt(1 - 0.95 * 0.95) * r.nextGaussian();
      x[n * D + 2] = r.nextGaussian();
      y[n] = x[n * D] * w[0] + x[n * D + 1] * w[1] + x[n * D + 2] * w[2] + NOISE * r.nextGaussian();
    }
    this.xs = f.of(x, Shape.of(N, D), dtype);
    this.ys = f.of(y, Shape.of(N), dtype);
  }

  @Override
  public List<Latent> latents() {
    return List.of(Latent.real("w", D));
  }

  @Override
  public Tensor logJoint(Map<String, Tensor> z) {
    Tensor w = z.get("w");                                        // (S, D)
    Tensor prior = w.square().mul(-0.5).sub(HALF_LOG_2PI).sum(-1);
    Tensor mean = w.matmul(xs.transpose(0, 1));                   // (S, N)
    Tensor lik = mean.sub(ys).div(NOISE).square().mul(-0.5).sub(Math.log(NOISE) + HALF_LOG_2PI).sum(-1);
    return prior.add(lik);
  }

  /** The posterior precision {@code I + X^T X / s^2}, row-major {@code (D, D)}. */
  double[] precision() {
    double[] p = new double[D * D];
    for (int i = 0; i < D; i++) {
      for (int j = 0; j < D; j++) {
        double s = 0;
        for (int n = 0; n < N; n++) {
          s += x[n * D + i] * x[n * D + j];
        }
        p[i * D + j] = s / (NOISE * NOISE) + (i == j ? 1 : 0);
      }
    }
    return p;
  }

  /** The posterior covariance {@code Lambda^-1}, row-major, by Gauss-Jordan elimination. */
  double[] covariance() {
    double[] a = precision();
    double[] inv = new double[D * D];
    for (int i = 0; i < D; i++) {
      inv[i * D + i] = 1;
    }
    for (int c = 0; c < D; c++) {
      double pivot = a[c * D + c];
      for (int k = 0; k < D; k++) {
        a[c * D + k] /= pivot;
        inv[c * D + k] /= pivot;
      }
      for (int r = 0; r < D; r++) {
        if (r != c) {
          double m = a[r * D + c];
          for (int k = 0; k < D; k++) {
            a[r * D + k] -= m * a[c * D + k];
            inv[r * D + k] -= m * inv[c * D + k];
          }
        }
      }
    }
    return inv;
  }

  /** The posterior mean {@code Lambda^-1 X^T y / s^2}. */
  double[] posteriorMean() {
    double[] cov = covariance();
    double[] xty = new double[D];
    for (int i = 0; i < D; i++) {
      for (int n = 0; n < N; n++) {
        xty[i] += x[n * D + i] * y[n] / (NOISE * NOISE);
      }
    }
    double[] m = new double[D];
    for (int i = 0; i < D; i++) {
      for (int j = 0; j < D; j++) {
        m[i] += cov[i * D + j] * xty[j];
      }
    }
    return m;
  }
}
