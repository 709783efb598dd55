package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.distributions.DiagonalNormal;
import org.vae4j.core.distributions.LogNormal;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.distributions.TransformedDistribution;
import org.vae4j.core.kl.KlRegistry;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.transforms.AffineAutoregressive;
import org.vae4j.core.transforms.Bijector;
import org.vae4j.core.transforms.Bijectors;
import org.vae4j.core.transforms.Made;
import org.vae4j.core.transforms.Permutation;
import org.vae4j.core.transforms.Planar;
import org.vae4j.core.transforms.Radial;

/**
 * Bijectors beyond the reference values, FLOAT64: each log|det J| against the log-determinant of a
 * finite-difference Jacobian (central, step 1e-6), inverses against forward maps, gradients with respect to
 * the flow parameters (and through the planar flow's iterative inverse) against finite differences, and
 * TransformedDistribution's cache, its agreement with LogNormal, and the KL rule of two transformed
 * distributions.
 */
public abstract class BijectorCalculusContract extends BackendTestSupport {
  private static final double STEP = 1e-6;

  /** log|det| of each row's finite-difference Jacobian of {@code b.forward} at x {@code (rows, D)}. */
  private static double[] numericLogDets(Bijector b, Tensor x) {
    int rows = x.dim(0);
    int d = x.dim(1);
    double[] base = x.toDoubleArray();
    double[][][] jac = new double[rows][d][d];
    try (NoGrad ng = NoGrad.enter()) {
      for (int j = 0; j < d; j++) {
        double[] plus = base.clone();
        double[] minus = base.clone();
        for (int r = 0; r < rows; r++) {
          plus[r * d + j] += STEP;
          minus[r * d + j] -= STEP;
        }
        double[] yp = b.forward(x.factory().of(plus, x.shape())).toDoubleArray();
        double[] ym = b.forward(x.factory().of(minus, x.shape())).toDoubleArray();
        for (int r = 0; r < rows; r++) {
          for (int i = 0; i < d; i++) {
            jac[r][i][j] = (yp[r * d + i] - ym[r * d + i]) / (2 * STEP);
          }
        }
      }
    }
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = logAbsDet(jac[r]);
    }
    return out;
  }

  /** log|det a| by Gaussian elimination with partial pivoting. */
  private static double logAbsDet(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
    }
    double sum = 0;
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        p = Math.abs(m[r][c]) > Math.abs(m[p][c]) ? r : p;
      }
      double[] t = m[c];
      m[c] = m[p];
      m[p] = t;
      sum += Math.log(Math.abs(m[c][c]));
      for (int r = c + 1; r < n; r++) {
        double k = m[r][c] / m[c][c];
        for (int q = c; q < n; q++) {
          m[r][q] -= k * m[c][q];
        }
      }
    }
    return sum;
  }

  /** Checks log|det J| at x against finite differences; returns how many values could be resolved. */
  private int assertLogDet(String what, Bijector b, Tensor x) {
    double[] numeric = b.eventDims() == 0 ? numericLogDerivatives(b, x) : numericLogDets(b, x.reshape(-1, x.dim(-1)));
    double[] analytic = b.logAbsDetJacobian(x, b.forward(x)).toDoubleArray();
    assertThat(analytic).as("%s: log|det J| values", what).hasSameSizeAs(numeric);
    int resolved = 0;
    for (int r = 0; r < numeric.length; r++) {
      if (Double.isNaN(numeric[r])) {
        continue;
      }
      assertThat(numeric[r]).as("%s numeric log|det J| [%d]", what, r).isFinite();
      assertThat(analytic[r]).as("%s log|det J| [%d]", what, r)
          .isCloseTo(numeric[r], within(1e-6 * Math.max(1, Math.abs(numeric[r]))));
      resolved++;
    }
    return resolved;
  }

  /**
   * log|f'(x)| of an elementwise map, each element by a central difference of relative step 1e-6; NaN where
   * the two values agree to 8 digits (f' too small against f for a difference to resolve, e.g. sigmoid at 30).
   */
  private static double[] numericLogDerivatives(Bijector b, Tensor x) {
    try (NoGrad ng = NoGrad.enter()) {
      double[] xs = x.toDoubleArray();
      double[] h = new double[xs.length];
      for (int i = 0; i < xs.length; i++) {
        h[i] = STEP * Math.max(1, Math.abs(xs[i]));
      }
      Tensor step = x.factory().of(h, x.shape());
      double[] yp = b.forward(x.add(step)).toDoubleArray();
      double[] ym = b.forward(x.sub(step)).toDoubleArray();
      double[] out = new double[yp.length];
      for (int i = 0; i < out.length; i++) {
        double diff = yp[i] - ym[i];
        boolean resolvable = Math.abs(diff) > 1e-8 * Math.max(Math.abs(yp[i]), Math.abs(ym[i]));
        out[i] = resolvable ? Math.log(Math.abs(diff / (2 * h[i]))) : Double.NaN;
      }
      return out;
    }
  }

  @Test
  void everyLogDeterminantMatchesAFiniteDifferenceJacobian() {
    assumeFloat64();
    try (Scope s = Scope.open(); TransformReferences refs = new TransformReferences(f(), DType.FLOAT64)) {
      int n = 0;
      int resolved = 0;
      int total = 0;
      for (JsonObject c : TransformReferences.bijectorCases()) {
        if (!c.has("float32")) {
          Tensor x = refs.tensor(c.get("x"));
          Bijector b = refs.build(c);
          resolved += assertLogDet(c.get("bijector").getAsString() + " case " + n, b, x);
          total += (int) (x.size() / (b.eventDims() == 0 ? 1 : x.dim(-1)));
        }
        n++;
      }
      // sigmoid at 30, 40 and 100 and tanh at -15 and 15 are within a few ulps of +-1: no difference resolves
      assertThat(resolved).as("log-determinants resolvable by finite differences, of %d", total)
          .isGreaterThanOrEqualTo(total - 6);
      Tensor x = f64(new double[] {0.3, -1.2, 0.8, 2.0, 0.1, -0.5}, 2, 3);
      Bijector flow = Bijectors.compose(new Planar(t(0.5, -1, 2), t(1, 0.3, -0.7), t(0.2)), Permutation.reverse(3),
          new Radial(t(0.1, 0.2, -0.3), t(0.5), t(-0.2)));
      assertLogDet("Planar, reverse, Radial", flow, x);
      assertLogDet("its inverse", flow.inverted(), flow.forward(x));
    }
  }

  private Tensor t(double... v) {
    return f64(v, v.length);
  }

  @Test
  void inversesUndoTheForwardMaps() {
    assumeFloat64();
    try (Scope s = Scope.open(); Made made = new Made(3, new int[] {6}, 2, 1.0, pf())) {
      Tensor x = f64(new double[] {0.3, -1.2, 0.8, 2.0, 0.1, -0.5}, 2, 3);
      Tensor context = f64(new double[] {1, -1, 0.5, 2}, 2, 2);
      Bijector[] flows = {new Planar(t(3, -1, 2), t(1, 0.3, -0.7), t(0.2)), Permutation.reverse(3),
          new Radial(t(0.1, 0.2, -0.3), t(0.5), t(-2)),
          new AffineAutoregressive(made, context, AffineAutoregressive.Form.GATED),
          new AffineAutoregressive(made, context, AffineAutoregressive.Form.AFFINE).inverted()};
      for (Bijector b : flows) {
        double[] back = b.inverse(b.forward(x)).toDoubleArray();
        assertThat(back).as("%s: inverse(forward(x))", b).containsExactly(x.toDoubleArray(), within(1e-10));
      }
    }
  }

  private ParameterFactory pf() {
    return new ParameterFactory(f(), DType.FLOAT64, PhiloxStream.seeded(3));
  }

  private void gradients(String what, Function<Tensor[], Tensor> f, double[]... values) {
    FiniteDifferences.checkVectors(what, f(), f, values);
  }

  @Test
  void flowParametersHaveCorrectGradients() {
    assumeFloat64();
    double[] x = {0.3, -1.2, 0.8, 2.0, 0.1, -0.5};
    double[] u = {0.5, -1, 2};
    double[] w = {1, 0.3, -0.7};
    double[] b = {0.2};
    Function<Tensor[], Tensor> planar = a -> {
      Planar p = new Planar(a[1], a[2], a[3].reshape());
      Tensor in = a[0].reshape(2, 3);
      return p.forward(in).sum(-1).add(p.logAbsDetJacobian(in, p.forward(in)));
    };
    gradients("Planar forward and log|det J|", planar, x, u, w, b);
    gradients("Planar inverse (bisection, then one Newton step on the tape)",
        a -> new Planar(a[1], a[2], a[3].reshape()).inverse(a[0].reshape(2, 3)), x, u, w, b);
    Function<Tensor[], Tensor> radial = a -> {
      Radial r = new Radial(a[1], a[2].reshape(), a[3].reshape());
      Tensor in = a[0].reshape(2, 3);
      return r.forward(in).sum(-1).add(r.logAbsDetJacobian(in, r.forward(in))).add(r.inverse(in).sum(-1));
    };
    gradients("Radial forward, log|det J| and inverse", radial, x, new double[] {0.1, 0.2, -0.3}, new double[] {0.5},
        new double[] {-0.2});
    try (Made made = new Made(3, new int[] {5}, 2, 0.5, pf())) {
      gradients("IAF (gated, with context) forward, log|det J| and inverse", a -> {
        AffineAutoregressive iaf = new AffineAutoregressive(made, a[1].reshape(2, 2), AffineAutoregressive.Form.GATED);
        Tensor in = a[0].reshape(2, 3);
        return iaf.forward(in).sum(-1).add(iaf.logAbsDetJacobian(in, iaf.forward(in))).add(iaf.inverse(in).sum(-1));
      }, x, new double[] {1, -1, 0.5, 2});
    }
  }

  @Test
  void transformedDistributionsCacheTheirDrawsAndAgreeWithLogNormal() {
    assumeFloat64();
    try (Scope s = Scope.open(); Made made = new Made(3, new int[] {6}, 0, 1.0, pf())) {
      Tensor loc = f64(new double[] {0.3, -1, 0.5, 0, 2, -0.2}, 2, 3);
      Tensor scale = f64(new double[] {0.5, 1, 2, 0.7, 0.3, 1.1}, 2, 3);
      TransformedDistribution flow = new TransformedDistribution(DiagonalNormal.of(loc, scale),
          new Planar(t(0.5, -1, 2), t(1, 0.3, -0.7), t(0.2)), Permutation.reverse(3),
          new AffineAutoregressive(made, null, AffineAutoregressive.Form.GATED));
      assertThat(flow.batchShape()).isEqualTo(Shape.of(2));
      assertThat(flow.eventShape()).isEqualTo(Shape.of(3));
      Tensor y = flow.rsample(PhiloxStream.seeded(4), Shape.of(5));
      assertThat(y.shape()).isEqualTo(Shape.of(5, 2, 3));
      double[] cached = flow.logProb(y).toDoubleArray();
      double[] inverted = flow.logProb(y.add(0.0)).toDoubleArray();
      assertThat(cached).as("log_prob from the cached draw and by inversion").containsExactly(inverted, within(1e-9));

      Normal n = new Normal(t(0.3, -1), t(0.5, 2));
      TransformedDistribution viaExp = new TransformedDistribution(n, Bijectors.exp());
      Tensor v = t(0.7, 3.5);
      assertThat(viaExp.logProb(v).toDoubleArray())
          .containsExactly(new LogNormal(t(0.3, -1), t(0.5, 2)).logProb(v).toDoubleArray(), within(1e-12));
      TransformedDistribution other = new TransformedDistribution(new Normal(t(0, 1), t(1, 1)), Bijectors.exp());
      assertThat(KlRegistry.kl(viaExp, other).toDoubleArray()).as("KL of transformed = KL of the bases")
          .containsExactly(KlRegistry.kl(n, new Normal(t(0, 1), t(1, 1))).toDoubleArray(), within(1e-12));
    }
  }
}
