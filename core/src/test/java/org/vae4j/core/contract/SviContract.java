package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.MultivariateNormal;
import org.vae4j.core.inference.FlowGuide;
import org.vae4j.core.inference.FullRankNormalGuide;
import org.vae4j.core.inference.Guide;
import org.vae4j.core.inference.GuideSample;
import org.vae4j.core.inference.JointModel;
import org.vae4j.core.inference.Latent;
import org.vae4j.core.inference.MeanFieldNormalGuide;
import org.vae4j.core.inference.PackedGuide;
import org.vae4j.core.inference.Svi;
import org.vae4j.core.kl.KlRegistry;
import org.vae4j.core.nn.Inits;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.LearningRateSchedule;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;

/**
 * The two examples of issue 14.6 and the score-function estimator, FLOAT64: Bayesian linear regression,
 * whose full-rank guide must reach the exact Gaussian posterior and whose mean-field guide must reach its
 * known optimum (the exact means, variances {@code 1 / Lambda_ii}); the non-centred eight-schools model,
 * whose guides' posterior means of mu and tau are compared with the exact posterior (quadrature) and the
 * published long-run MCMC summaries; a discrete latent fitted by REINFORCE with a baseline. Each prints its
 * figures.
 */
public abstract class SviContract extends BackendTestSupport {

  private ParameterFactory params(long seed) {
    return new ParameterFactory(f(), DType.FLOAT64, PhiloxStream.seeded(seed));
  }

  private static double[] fit(JointModel model, Guide guide, int steps, int samples, double rate, long seed) {
    try (Optimizer adam = Adam.builder(LearningRateSchedule.cosine(rate, steps, rate / 50))
        .build(guide.namedParameters())) {
      return Svi.builder(model, guide, adam).samples(samples).seed(seed).build().run(steps);
    }
  }

  private static double[] values(Tensor t) {
    try (NoGrad ng = NoGrad.enter()) {
      return t.toDoubleArray();
    }
  }

  @Test
  void bayesianLinearRegressionFullRankGuideReachesTheExactPosterior() {
    assumeFloat64();
    try (Scope s = Scope.open()) {
      BayesianLinearRegression model = new BayesianLinearRegression(f(), DType.FLOAT64);
      try (FullRankNormalGuide guide = new FullRankNormalGuide(model.latents(), 0.1, params(1))) {
        fit(model, guide, 800, 16, 0.05, 2);
        MultivariateNormal q = guide.unconstrained();
        int d = BayesianLinearRegression.D;
        MultivariateNormal exact = MultivariateNormal.fromCovariance(f64(model.posteriorMean(), d),
            f64(model.covariance(), d, d));
        double kl = KlRegistry.kl(q, exact).item();
        double[] loc = values(q.loc());
        double[] cov = values(q.covariance());
        double[] exactMean = model.posteriorMean();
        double[] exactCov = model.covariance();
        System.out.printf(Locale.ROOT, "BLR full-rank: KL(q || exact) = %.2e; mean %s vs exact %s; sd %s vs exact %s;"
            + " corr(w1, w2) %.3f vs exact %.3f%n", kl, fmt(loc), fmt(exactMean), fmt(sd(cov, d)),
            fmt(sd(exactCov, d)), cov[1] / Math.sqrt(cov[0] * cov[d + 1]),
            exactCov[1] / Math.sqrt(exactCov[0] * exactCov[d + 1]));
        assertThat(kl).as("KL(full-rank guide || exact posterior)").isLessThan(0.01);
        for (int i = 0; i < d; i++) {
          assertThat(loc[i]).as("posterior mean of w%d", i)
              .isCloseTo(exactMean[i], within(0.1 * Math.sqrt(exactCov[i * d + i])));
        }
      }
    }
  }

  @Test
  void bayesianLinearRegressionMeanFieldGuideUnderEstimatesTheCorrelatedSpread() {
    assumeFloat64();
    try (Scope s = Scope.open()) {
      BayesianLinearRegression model = new BayesianLinearRegression(f(), DType.FLOAT64);
      try (MeanFieldNormalGuide guide = new MeanFieldNormalGuide(model.latents(), 0.1, params(3))) {
        fit(model, guide, 800, 16, 0.05, 4);
        int d = BayesianLinearRegression.D;
        double[] loc = values(guide.loc());
        double[] scale = values(guide.scale());
        double[] precision = model.precision();
        double[] exactSd = sd(model.covariance(), d);
        double[] exactMean = model.posteriorMean();
        double[] optimum = new double[d];
        for (int i = 0; i < d; i++) {
          optimum[i] = 1 / Math.sqrt(precision[i * d + i]);
        }
        System.out.printf(Locale.ROOT, "BLR mean-field: mean %s vs exact %s; sd %s, mean-field optimum"
            + " 1/sqrt(Lambda_ii) %s, exact posterior sd %s%n", fmt(loc), fmt(exactMean), fmt(scale), fmt(optimum),
            fmt(exactSd));
        for (int i = 0; i < d; i++) {
          assertThat(loc[i]).as("mean of w%d", i).isCloseTo(exactMean[i], within(0.1 * exactSd[i]));
          assertThat(scale[i]).as("sd of w%d at the mean-field optimum", i)
              .isCloseTo(optimum[i], within(0.05 * optimum[i]));
        }
        assertThat(scale[0]).as("w1, correlated with w2: mean field under-estimates its spread")
            .isLessThan(0.5 * exactSd[0]);
      }
    }
  }

  private static double[] sd(double[] cov, int d) {
    double[] s = new double[d];
    for (int i = 0; i < d; i++) {
      s[i] = Math.sqrt(cov[i * d + i]);
    }
    return s;
  }

  private static String fmt(double[] v) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v[i]));
    }
    return b.append(']').toString();
  }

  /** {E mu, sd mu, E tau, sd tau} from 20,000 draws of the guide. */
  private static double[] schoolsMoments(Guide guide) {
    try (Scope s = Scope.open(); NoGrad ng = NoGrad.enter()) {
      GuideSample draw = guide.sample(PhiloxStream.seeded(99), 20_000, false);
      double[] mu = draw.values().get("mu").toDoubleArray();
      double[] tau = draw.values().get("tau").toDoubleArray();
      return new double[] {mean(mu), sd(mu), mean(tau), sd(tau)};
    }
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double sd(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }

  /** The exact posterior moments of the eight-schools model, computed once (quadrature, about 0.2 s). */
  private static double[] schoolsExact;

  private static synchronized double[] schoolsExact() {
    if (schoolsExact == null) {
      schoolsExact = EightSchools.exactMoments();
    }
    return schoolsExact;
  }

  @Test
  void eightSchoolsQuadratureAgreesWithThePublishedLongRunMcmc() {
    double[] exact = schoolsExact();
    double[] published = EightSchools.PUBLISHED_MCMC;
    System.out.printf(Locale.ROOT, "eight schools, mu mean/sd, tau mean/sd: published MCMC %s, quadrature %s%n",
        fmt(published), fmt(exact));
    for (int i = 0; i < 4; i++) {
      assertThat(exact[i]).as("quadrature moment %d vs the published MCMC", i).isCloseTo(published[i], within(0.05));
    }
  }

  /** Fits a guide to eight schools (400 steps of 32 draws) and returns its {E mu, sd mu, E tau, sd tau}. */
  private double[] eightSchools(String name, java.util.function.Function<JointModel, PackedGuide> guide, long seed) {
    assumeFloat64();
    try (Scope s = Scope.open()) {
      EightSchools model = new EightSchools(f(), DType.FLOAT64);
      try (PackedGuide g = guide.apply(model)) {
        double[] trace = fit(model, g, 400, 32, 0.05, seed);
        double[] m = schoolsMoments(g);
        System.out.printf(Locale.ROOT, "eight schools, %s guide: mu %.2f +- %.2f, tau %.2f +- %.2f (mean ELBO of the"
            + " last 100 steps %.3f)%n", name, m[0], m[1], m[2], m[3],
            mean(java.util.Arrays.copyOfRange(trace, trace.length - 100, trace.length)));
        double[] exact = schoolsExact();
        assertThat(m[0]).as("%s E[mu], exact %s", name, exact[0]).isCloseTo(exact[0], within(0.6));
        assertThat(m[2]).as("%s E[tau], exact %s", name, exact[2]).isCloseTo(exact[2], within(1.5));
        return m;
      }
    }
  }

  @Test
  void eightSchoolsMeanFieldGuideUnderEstimatesTheSpreadOfMuAndTau() {
    double[] m = eightSchools("mean-field", model -> new MeanFieldNormalGuide(model.latents(), 0.1, params(5)), 8);
    assertThat(m[1]).as("mean-field sd of mu under the posterior's").isLessThan(schoolsExact()[1]);
    assertThat(m[3]).as("mean-field sd of tau under the posterior's").isLessThan(schoolsExact()[3]);
  }

  @Test
  void eightSchoolsFullRankGuide() {
    eightSchools("full-rank", model -> new FullRankNormalGuide(model.latents(), 0.1, params(6)), 9);
  }

  @Test
  void eightSchoolsIafGuide() {
    eightSchools("IAF (2 steps)", model -> FlowGuide.iaf(model.latents(), 2, new int[] {20}, 0.1, params(7)), 10);
  }

  /** A discrete latent: {@code z ~ Bernoulli(0.3)}, {@code x | z ~ N(2z - 1, 1)}, x = 0.8 observed. */
  private static final class CoinModel implements JointModel {
    @Override
    public List<Latent> latents() {
      return List.of(Latent.real("z"));
    }

    @Override
    public Tensor logJoint(Map<String, Tensor> values) {
      Tensor z = values.get("z");
      Tensor prior = z.mul(Math.log(0.3)).add(z.rsub(1.0).mul(Math.log(0.7)));
      Tensor mean = z.mul(2.0).sub(1.0);
      return prior.add(mean.rsub(0.8).square().mul(-0.5));
    }

    static double exactPosterior() {
      double one = 0.3 * Math.exp(-0.5 * 0.2 * 0.2);
      double zero = 0.7 * Math.exp(-0.5 * 1.8 * 1.8);
      return one / (one + zero);
    }
  }

  /** A user-written guide: q(z) = Bernoulli(sigmoid(logit)), no reparameterization. */
  private static final class CoinGuide extends ModuleBase implements Guide {
    private final Tensor logit;

    CoinGuide(ParameterFactory p) {
      this.logit = registerParameter("logit", p.create(Shape.of(1), Inits.zeros()));
    }

    @Override
    public boolean hasRsample() {
      return false;
    }

    @Override
    public GuideSample sample(RandomStream rng, int samples, boolean reparameterized) {
      Bernoulli q = Bernoulli.fromLogits(logit.reshape());
      Tensor z = q.sample(rng, Shape.of(samples));
      return new GuideSample(Map.of("z", z), q.logProb(z), false);
    }
  }

  @Test
  void scoreFunctionGradientsWithABaselineFitADiscreteLatent() {
    assumeFloat64();
    try (Scope s = Scope.open(); CoinGuide guide = new CoinGuide(params(11))) {
      double[] trace = fit(new CoinModel(), guide, 300, 32, 0.1, 12);
      double p = values(guide.namedParameters().get("logit").sigmoid())[0];
      System.out.printf(Locale.ROOT, "score function: q(z = 1) = %.4f, exact posterior %.4f, final ELBO %.4f%n", p,
          CoinModel.exactPosterior(), trace[trace.length - 1]);
      assertThat(p).isCloseTo(CoinModel.exactPosterior(), within(0.03));
    }
  }

  @Test
  void misuseIsRefusedWithAClearMessage() {
    assumeFloat64();
    try (Scope s = Scope.open(); CoinGuide guide = new CoinGuide(params(13));
        Optimizer adam = Adam.builder(0.1).build(guide.namedParameters())) {
      assertThatThrownBy(() -> Svi.builder(new CoinModel(), guide, adam).estimator(Svi.Estimator.REPARAMETERIZED)
          .build())
          .hasMessage("Svi: the guide CoinGuide has no reparameterized draws; use Estimator.SCORE_FUNCTION or AUTO");
      JointModel wrong = new JointModel() {
        @Override
        public List<Latent> latents() {
          return List.of(Latent.real("z"));
        }

        @Override
        public Tensor logJoint(Map<String, Tensor> z) {
          return z.get("z").sum();
        }
      };
      assertThatThrownBy(() -> Svi.builder(wrong, guide, adam).samples(4).build().step())
          .hasMessage("Svi: logJoint returned shape () for 4 draws; it must be (S) = (4)");
      assertThatThrownBy(() -> Latent.real("bad name"))
          .hasMessage("Latent: name must be an identifier (letters, digits, _), got bad name");
    }
  }
}
