package org.vae4j.models.vq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.Trainer;

/**
 * The prior as a distribution: normalised over all maps, and sampled in agreement with its
 * log-probabilities (so ancestral sampling follows raster order).
 */
class PixelCnnPriorTest {
  private static final int K = 3;
  private static final int MAPS = 81;
  private static final TensorFactory F = Tensors.factory();
  private static PixelCnnPrior prior;

  @BeforeAll
  static void fit() {
    prior = fittedPrior();
  }

  @AfterAll
  static void close() {
    prior.close();
  }

  /**
   * A prior over 2x2 maps of 3 codes fitted to maps {@code (a, b / b, a)} (raster order a, b, b, a) with a
   * and b uniform: the code at (1, 0) should copy the one at (0, 1), so a sampler that visits positions in
   * any other than raster order draws it from the wrong conditional.
   */
  private static PixelCnnPrior fittedPrior() {
    PixelCnnPrior prior = new PixelCnnPrior(new PixelCnnConfig(K, 2, 2, 4, 8, 2, 3),
        new ParameterFactory(F, DType.FLOAT64, PhiloxStream.seeded(21)));
    int n = 450;
    float[] maps = new float[n * 4];
    for (int i = 0; i < n; i++) {
      int a = i % K;
      int b = (i / K) % K;
      maps[4 * i] = a;
      maps[4 * i + 1] = b;
      maps[4 * i + 2] = b;
      maps[4 * i + 3] = a;
    }
    try (Optimizer adam = Adam.builder(0.03).build(prior.namedParameters())) {
      Trainer.builder(prior, adam).epochs(10).batchSize(45).seed(1).build()
          .fit(Dataset.of(maps, Shape.of(2, 2), null));
    }
    return prior;
  }

  /** All 81 maps, map m holding the base-3 digits of m in raster order. */
  private static Tensor allMaps() {
    int[] codes = new int[MAPS * 4];
    for (int m = 0; m < MAPS; m++) {
      int v = m;
      for (int p = 3; p >= 0; p--) {
        codes[m * 4 + p] = v % K;
        v /= K;
      }
    }
    return F.of(codes, Shape.of(MAPS, 2, 2));
  }

  @Test
  void probabilitiesOfAllMapsSumToOne() {
    try (NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      double[] logp = prior.logProb(allMaps()).toDoubleArray();
      double total = 0;
      double max = 0;
      for (double l : logp) {
        total += Math.exp(l);
        max = Math.max(max, Math.exp(l));
      }
      assertThat(total).isCloseTo(1.0, within(1e-9));
      assertThat(max).as("the fitted prior puts most mass on the 9 maps (a, b, b, a)").isGreaterThan(5.0 / MAPS);
    }
  }

  @Test
  void ancestralSamplesFollowTheJointDistribution() {
    int n = 4000;
    try (NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      double[] p = prior.logProb(allMaps()).exp().toDoubleArray();
      int[] drawn = prior.sample(n, PhiloxStream.seeded(5)).toIntArray();
      int[] counts = new int[MAPS];
      for (int i = 0; i < n; i++) {
        counts[((drawn[4 * i] * K + drawn[4 * i + 1]) * K + drawn[4 * i + 2]) * K + drawn[4 * i + 3]]++;
      }
      double tv = 0;
      for (int m = 0; m < MAPS; m++) {
        double freq = counts[m] / (double) n;
        double sigma = Math.sqrt(p[m] * (1 - p[m]) / n);
        assertThat(freq).as("frequency of map %d with probability %s", m, p[m]).isCloseTo(p[m],
            within(5 * sigma + 1e-3));
        tv += Math.abs(freq - p[m]) / 2;
      }
      assertThat(tv).as("total variation between samples and the model").isLessThan(0.06);
    }
  }

  @Test
  void samplingIsReproducibleAndBitsPerDimensionAreNatsOverLn2() {
    try (Scope s = Scope.open()) {
      int[] a = prior.sample(6, PhiloxStream.seeded(3)).toIntArray();
      int[] b = prior.sample(6, PhiloxStream.seeded(3)).toIntArray();
      assertThat(a).containsExactly(b);
      assertThat(IntStream.of(a).boxed()).allSatisfy(c -> assertThat(c).isBetween(0, K - 1));
      Tensor maps = allMaps();
      double nats = prior.loss(Batch.of(maps.cast(DType.FLOAT64), null), PhiloxStream.seeded(0)).item();
      assertThat(nats).isCloseTo(-prior.logProb(maps).mean().item() / 4, within(1e-12));
      assertThat(prior.bitsPerDimension(maps)).isCloseTo(nats / Math.log(2), within(1e-12));
      assertThat(prior.uniformBitsPerDimension()).isCloseTo(Math.log(3) / Math.log(2), within(1e-15));
    }
  }

  @Test
  void rejectsMapsOfTheWrongSize() {
    try (Scope s = Scope.open()) {
      assertThatThrownBy(() -> prior.logits(F.of(new int[9], Shape.of(1, 3, 3))))
          .hasMessageContaining("PixelCnnPrior.logits").hasMessageContaining("(1, 3, 3)")
          .hasMessageContaining("(N, 2, 2)");
    }
  }
}
