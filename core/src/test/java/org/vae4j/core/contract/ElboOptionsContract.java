package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.distributions.DiagonalNormal;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.estimators.BayesByBackprop;
import org.vae4j.core.estimators.Elbo;
import org.vae4j.core.estimators.KlSchedule;
import org.vae4j.core.estimators.Reduction;
import org.vae4j.core.random.PhiloxStream;

/**
 * The ELBO's options (KL weight and warm-up, free bits, reductions and the N/M scaling) and the Bayes by
 * Backprop complexity cost, on {@link LinearGaussianModel}: each compared with the same draws (same seed).
 */
public abstract class ElboOptionsContract extends BackendTestSupport {

  private LinearGaussianModel model() {
    assumeFloat64();
    return new LinearGaussianModel(f(), 2.0, 0.5, 0.8, 0.3, 0.1, 0.5);
  }

  private Tensor data(LinearGaussianModel m) {
    return m.data(PhiloxStream.seeded(7).normalDoubles(6));
  }

  private Elbo.Result run(LinearGaussianModel m, Elbo elbo, long step) {
    return elbo.compute(m, data(m), PhiloxStream.seeded(11), step);
  }

  @Test
  void klWeightScalesOnlyTheKlTermOfTheLoss() {
    LinearGaussianModel m = model();
    try (Scope s = Scope.open()) {
      Elbo.Result r = run(m, Elbo.builder().samples(3).beta(0.25).build(), 0);
      double recon = r.reconstruction().mean().item();
      double kl = r.kl().mean().item();
      assertThat(r.loss().item()).isCloseTo(-recon + 0.25 * kl, within(1e-12));
      assertThat(r.klWeight()).isEqualTo(0.25);
      assertThat(r.elbo()).isCloseTo(recon - kl, within(1e-12));
    }
  }

  @Test
  void linearWarmupRisesFromZeroToBeta() {
    KlSchedule w = KlSchedule.linearWarmup(100, 2.0);
    assertThat(w.weight(0)).isZero();
    assertThat(w.weight(50)).isEqualTo(1.0);
    assertThat(w.weight(100)).isEqualTo(2.0);
    assertThat(w.weight(10_000)).isEqualTo(2.0);
    assertThat(KlSchedule.constant(0.5).weight(3)).isEqualTo(0.5);
    LinearGaussianModel m = model();
    try (Scope s = Scope.open()) {
      Elbo elbo = Elbo.builder().klWeight(KlSchedule.linearWarmup(10, 1.0)).build();
      Elbo.Result early = run(m, elbo, 0);
      Elbo.Result mid = run(m, elbo, 5);
      assertThat(early.loss().item()).isCloseTo(-early.reconstruction().mean().item(), within(1e-12));
      assertThat(mid.klWeight()).isEqualTo(0.5);
      assertThat(elbo.compute(m, data(m), PhiloxStream.seeded(11)).klWeight()).isEqualTo(1.0);
    }
    assertThatThrownBy(() -> KlSchedule.linearWarmup(0, 1.0))
        .hasMessage("KlSchedule.linearWarmup: steps must be >= 1, got 0");
  }

  @Test
  void freeBitsFloorTheKlAndStopItsGradientBelowTheFloor() {
    LinearGaussianModel m = model();
    try (Scope s = Scope.open()) {
      Elbo.Result plain = run(m, Elbo.builder().build(), 0);
      Elbo.Result floored = run(m, Elbo.builder().freeBits(5.0).build(), 0);
      double recon = floored.reconstruction().mean().item();
      assertThat(floored.loss().item()).isCloseTo(-recon + 5.0, within(1e-12));
      assertThat(floored.kl().toDoubleArray()).containsExactly(plain.kl().toDoubleArray(), within(1e-12));
      floored.loss().backward();
      double[] withFloor = grads(m);
      m.parameters().forEach(Tensor::zeroGrad);
      plain.reconstruction().mean().neg().backward();
      assertThat(withFloor).containsExactly(grads(m), within(1e-12));
      m.parameters().forEach(Tensor::zeroGrad);

      Elbo.Result low = run(m, Elbo.builder().freeBits(1e-3).build(), 0);
      assertThat(low.loss().item()).isCloseTo(plain.loss().item(), within(1e-12));
    }
  }

  private static double[] grads(LinearGaussianModel m) {
    List<Tensor> ps = m.parameters();
    double[] g = new double[ps.size()];
    for (int i = 0; i < g.length; i++) {
      g[i] = ps.get(i).grad().item();
    }
    return g;
  }

  @Test
  void reductionsScaleTheMeanLoss() {
    LinearGaussianModel m = model();
    try (Scope s = Scope.open()) {
      double mean = run(m, Elbo.builder().build(), 0).loss().item();
      double sum = run(m, Elbo.builder().reduction(Reduction.SUM).build(), 0).loss().item();
      double dataset = run(m, Elbo.builder().datasetSize(60_000).build(), 0).loss().item();
      assertThat(sum).isCloseTo(6 * mean, within(1e-9));
      assertThat(dataset).isCloseTo(60_000 / 6.0 * sum, within(1e-6));
    }
    assertThatThrownBy(() -> Elbo.builder().samples(0)).hasMessage("Elbo: samples must be >= 1, got 0");
    assertThatThrownBy(() -> Elbo.builder().freeBits(-1)).hasMessage("Elbo: freeBits must be finite and >= 0, got -1.0");
  }

  @Test
  void bayesByBackpropDividesTheComplexityByTheDatasetSize() {
    assumeFloat64();
    try (Scope s = Scope.open()) {
      Tensor loc = f().of(new double[] {0.1, -0.2, 0.3}, Shape.of(3));
      Tensor scale = f().of(new double[] {0.5, 0.1, 1.5}, Shape.of(3));
      var q = DiagonalNormal.of(loc, scale);
      var p = DiagonalNormal.standard(f(), 3, DType.FLOAT64);
      double expected = 0;
      double[] l = loc.toDoubleArray();
      double[] sc = scale.toDoubleArray();
      for (int i = 0; i < 3; i++) {
        expected += 0.5 * (sc[i] * sc[i] + l[i] * l[i] - 1 - Math.log(sc[i] * sc[i]));
      }
      Tensor kl = BayesByBackprop.complexity(q, p);
      assertThat(kl.item()).isCloseTo(expected, within(1e-12));
      Tensor nll = f().scalar(2.0, DType.FLOAT64);
      assertThat(BayesByBackprop.loss(nll, kl, 1000).item()).isCloseTo(2.0 + expected / 1000, within(1e-12));
      Tensor w = q.sample(PhiloxStream.seeded(3), Shape.scalar());
      double mc = BayesByBackprop.complexity(q, p, w).item();
      double direct = q.logProb(w).item() - p.logProb(w).item();
      assertThat(mc).isCloseTo(direct, within(1e-12));
      double mc2 = BayesByBackprop.complexity(new Normal(loc, scale), new Normal(loc.mul(0.0), 1.0),
          PhiloxStream.seeded(4), 100_000).item();
      assertThat(mc2).isCloseTo(expected, within(0.05));
    }
    double total = 0;
    for (int i = 1; i <= 10; i++) {
      total += BayesByBackprop.minibatchWeight(i, 10);
    }
    assertThat(total).isCloseTo(1.0, within(1e-12));
    assertThat(BayesByBackprop.minibatchWeight(1, 10)).isGreaterThan(BayesByBackprop.minibatchWeight(2, 10));
  }

  @Test
  void aFloat32BernoulliVaeImprovesItsElboUnderGradientDescent() {
    TinyBernoulliVae vae = new TinyBernoulliVae(f(), 6, 2, 3);
    double[] pixels = new double[16 * 6];
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 6; j++) {
        pixels[i * 6 + j] = (i % 2 == 0) == (j < 3) ? 1 : 0;
      }
    }
    Tensor x = f().of(pixels, Shape.of(16, 6), DType.FLOAT32);
    Elbo eval = Elbo.builder().samples(64).build();
    Elbo train = Elbo.builder().samples(4).build();
    double before;
    try (Scope s = Scope.open()) {
      before = eval.compute(vae, x, PhiloxStream.seeded(1)).elbo();
    }
    PhiloxStream rng = PhiloxStream.seeded(2);
    for (int step = 0; step < 60; step++) {
      try (Scope s = Scope.open()) {
        Elbo.Result r = train.compute(vae, x, rng);
        assertThat(r.loss().dtype()).isEqualTo(DType.FLOAT32);
        r.loss().backward();
        try (var ignored = org.vae4j.core.autodiff.NoGrad.enter()) {
          for (Tensor p : vae.parameters()) {
            p.assign(p.sub(p.grad().mul(0.2)));
            p.zeroGrad();
          }
        }
      }
    }
    double after;
    try (Scope s = Scope.open()) {
      after = eval.compute(vae, x, PhiloxStream.seeded(1)).elbo();
    }
    System.out.printf("tiny FLOAT32 Bernoulli VAE: ELBO %.4f -> %.4f after 60 steps%n", before, after);
    assertThat(after).isFinite().isGreaterThan(before + 0.5);
    vae.close();
  }
}
