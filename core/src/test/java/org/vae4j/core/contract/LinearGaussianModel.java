package org.vae4j.core.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.LatentVariableModel;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.distributions.DiagonalNormal;

/**
 * A latent-variable model whose evidence is known in closed form: z ~ N(0, 1), x | z ~ N(a z + b, s^2),
 * so x ~ N(b, a^2 + s^2) and z | x ~ N(m, v) with {@code v = 1 / (1 + a^2 / s^2)} and
 * {@code m = v a (x - b) / s^2}. The encoder q(z|x) = N(w x + c, exp(logSigma)^2) has parameters w, c and
 * logSigma, deliberately not the posterior's. Latent and data events have shape (1).
 */
final class LinearGaussianModel implements LatentVariableModel {
  final double a;
  final double b;
  final double s;
  private final TensorFactory f;
  private final Tensor w;
  private final Tensor c;
  private final Tensor logSigma;

  LinearGaussianModel(TensorFactory f, double a, double b, double s, double w, double c, double sigma) {
    this.f = f;
    this.a = a;
    this.b = b;
    this.s = s;
    this.w = f.scalar(w, DType.FLOAT64).requireGrad();
    this.c = f.scalar(c, DType.FLOAT64).requireGrad();
    this.logSigma = f.scalar(Math.log(sigma), DType.FLOAT64).requireGrad();
  }

  @Override
  public Distribution prior() {
    return DiagonalNormal.standard(f, 1, DType.FLOAT64);
  }

  @Override
  public Distribution encode(Tensor x) {
    Tensor loc = x.mul(w).add(c);
    return DiagonalNormal.of(loc, logSigma.exp().expand(loc.shape()));
  }

  @Override
  public Distribution decode(Tensor z) {
    return DiagonalNormal.of(z.mul(a).add(b), f.full(z.shape(), s, DType.FLOAT64));
  }

  @Override
  public Map<String, Tensor> namedParameters() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("w", w);
    m.put("c", c);
    m.put("logSigma", logSigma);
    return m;
  }

  double qLoc(double x) {
    return w.item() * x + c.item();
  }

  double qScale() {
    return Math.exp(logSigma.item());
  }

  /** log p(x) = log N(x; b, a^2 + s^2). */
  double logEvidence(double x) {
    double var = a * a + s * s;
    return -0.5 * Math.log(2 * Math.PI * var) - (x - b) * (x - b) / (2 * var);
  }

  /** KL(q(z|x) || p(z)) for the standard normal prior. */
  double klToPrior(double x) {
    double m = qLoc(x);
    double v = qScale() * qScale();
    return 0.5 * (v + m * m - 1 - Math.log(v));
  }

  /** E_q[log p(x|z)] in closed form. */
  double expectedLogLikelihood(double x) {
    double r = x - b - a * qLoc(x);
    double v = qScale() * qScale();
    return -0.5 * Math.log(2 * Math.PI * s * s) - (r * r + a * a * v) / (2 * s * s);
  }

  /** The standard deviation of log p(x|z) under q, for standard errors. */
  double logLikelihoodStd(double x) {
    double r = x - b - a * qLoc(x);
    double sig = qScale();
    double s4 = s * s * s * s;
    return Math.sqrt((4 * r * r * a * a * sig * sig + 2 * Math.pow(a * sig, 4)) / (4 * s4));
  }

  /** Examples drawn from the model's marginal N(b, a^2 + s^2). */
  Tensor data(double[] standardNormals) {
    double sd = Math.sqrt(a * a + s * s);
    double[] x = new double[standardNormals.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = b + sd * standardNormals[i];
    }
    return f.of(x, Shape.of(x.length, 1));
  }
}
