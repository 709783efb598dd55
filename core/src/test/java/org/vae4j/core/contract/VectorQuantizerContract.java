package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.quantize.VectorQuantizer;
import org.vae4j.core.random.PhiloxStream;

/**
 * The vector quantizer: nearest codes, the straight-through gradient, which parameters each loss reaches,
 * perplexity and usage, the EMA update against a host computation, dead-code restarts and state
 * surviving step scopes. FLOAT64 (values are compared exactly).
 */
public abstract class VectorQuantizerContract extends BackendTestSupport {
  private static final double[] CODES = {0, 0, 1, 0, 0, 1, 1, 1};
  private static final double[] Z = {0.1, 0.2, 0.9, 0.1, 0.4, 0.8};

  private VectorQuantizer quantizer(VectorQuantizer.Builder b) {
    VectorQuantizer vq = b.build();
    try (Scope s = Scope.open()) {
      vq.loadCodebook(f().of(CODES, Shape.of(4, 2)));
    }
    return vq;
  }

  private VectorQuantizer.Builder builder() {
    assumeFloat64();
    return VectorQuantizer.builder(f(), DType.FLOAT64, 4, 2, PhiloxStream.seeded(1));
  }

  @Test
  void picksTheNearestCodeAndPassesTheGradientStraightThrough() {
    try (VectorQuantizer vq = quantizer(builder()); Scope s = Scope.open()) {
      Tensor z = f().of(Z, Shape.of(3, 2)).requireGrad();
      VectorQuantizer.Result r = vq.forward(z);
      assertThat(r.indices().toIntArray()).containsExactly(0, 1, 2);
      assertThat(r.quantized().toDoubleArray()).containsExactly(0, 0, 1, 0, 0, 1);
      double[] w = {1.5, -2, 0.25, 3, -1, 0.5};
      r.quantized().mul(f().of(w, Shape.of(3, 2))).sum().backward();
      assertThat(z.grad().toDoubleArray()).containsExactly(w);
      assertThat(vq.codebook().grad()).isNull();
    }
  }

  @Test
  void nearestCodesAgreeWithABruteForceSearch() {
    VectorQuantizer vq = VectorQuantizer.builder(f(), DType.FLOAT64, 16, 3, PhiloxStream.seeded(2)).build();
    try (vq; Scope s = Scope.open()) {
      assumeFloat64();
      double[] z = PhiloxStream.seeded(3).normalDoubles(50 * 3);
      for (int i = 0; i < z.length; i++) {
        z[i] *= 0.1;
      }
      int[] got = vq.forward(f().of(z, Shape.of(50, 3))).indices().toIntArray();
      double[] book = vq.codebook().toDoubleArray();
      for (int i = 0; i < 50; i++) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 16; k++) {
          double d = 0;
          for (int j = 0; j < 3; j++) {
            d += Math.pow(z[i * 3 + j] - book[k * 3 + j], 2);
          }
          if (d < bestD) {
            bestD = d;
            best = k;
          }
        }
        assertThat(got[i]).as("row %d", i).isEqualTo(best);
      }
    }
  }

  @Test
  void theCodebookLossReachesOnlyTheCodebook() {
    try (VectorQuantizer vq = quantizer(builder()); Scope s = Scope.open()) {
      Tensor z = f().of(Z, Shape.of(3, 2)).requireGrad();
      VectorQuantizer.Result r = vq.forward(z);
      r.codebookLoss().backward();
      assertThat(z.grad()).isNull();
      // d/de_k mean((e - z)^2) over N * D = 6 elements: 2 (e_k - z_i) / 6 for the row i assigned to k
      double[] expected = {-0.1 / 3, -0.2 / 3, 0.1 / 3, -0.1 / 3, -0.4 / 3, 0.2 / 3, 0, 0};
      assertThat(vq.codebook().grad().toDoubleArray()).containsExactly(expected, within(1e-12));
      assertThat(r.codebookLoss().item()).isCloseTo((0.01 + 0.04 + 0.01 + 0.01 + 0.16 + 0.04) / 6, within(1e-12));
    }
  }

  @Test
  void theCommitmentLossReachesOnlyTheEncoder() {
    try (VectorQuantizer vq = quantizer(builder().beta(0.5)); Scope s = Scope.open()) {
      Tensor z = f().of(Z, Shape.of(3, 2)).requireGrad();
      VectorQuantizer.Result r = vq.forward(z);
      r.commitmentLoss().backward();
      assertThat(vq.codebook().grad()).isNull();
      double[] expected = {0.5 * 0.2 / 6, 0.5 * 0.4 / 6, 0.5 * -0.2 / 6, 0.5 * 0.2 / 6, 0.5 * 0.8 / 6, 0.5 * -0.4 / 6};
      assertThat(z.grad().toDoubleArray()).containsExactly(expected, within(1e-12));
      assertThat(r.loss().item()).isCloseTo(r.codebookLoss().item() * 1.5, within(1e-12));
    }
  }

  @Test
  void channelsLastInputsKeepTheirShape() {
    try (VectorQuantizer vq = quantizer(builder()); Scope s = Scope.open()) {
      double[] z = PhiloxStream.seeded(4).uniformDoubles(2 * 3 * 3 * 2);
      VectorQuantizer.Result r = vq.forward(f().of(z, Shape.of(2, 3, 3, 2)));
      assertThat(r.quantized().shape()).isEqualTo(Shape.of(2, 3, 3, 2));
      assertThat(r.indices().shape()).isEqualTo(Shape.of(2, 3, 3));
      assertThat(vq.lookup(r.indices()).toDoubleArray()).containsExactly(r.quantized().toDoubleArray());
      assertThatThrownBy(() -> vq.forward(f().of(z, Shape.of(2, 3, 6)))).hasMessage("VectorQuantizer: input of"
          + " shape (2, 3, 6) must end with the code dimension 2 (channels-last; permute NCHW to NHWC first)");
    }
  }

  @Test
  void perplexityAndUsageCountTheCodesOfTheBatch() {
    try (VectorQuantizer vq = quantizer(builder()); Scope s = Scope.open()) {
      VectorQuantizer.Result one = vq.forward(f().of(new double[] {0, 0, 0.1, 0, 0, 0.1}, Shape.of(3, 2)));
      assertThat(one.perplexity()).isCloseTo(1.0, within(1e-12));
      assertThat(one.usedCodes()).isEqualTo(1);
      VectorQuantizer.Result all = vq.forward(f().of(CODES, Shape.of(4, 2)));
      assertThat(all.perplexity()).isCloseTo(4.0, within(1e-12));
      assertThat(all.usedFraction()).isEqualTo(1.0);
      VectorQuantizer.Result two = vq.forward(f().of(new double[] {0, 0, 0, 0, 0, 0, 1, 1}, Shape.of(4, 2)));
      assertThat(two.perplexity()).isCloseTo(Math.exp(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25))),
          within(1e-12));
      assertThat(two.usedCodes()).isEqualTo(2);
    }
  }

  @Test
  void emaMovesTheCodesTowardsTheirVectorsAndSurvivesStepScopes() {
    try (VectorQuantizer vq = quantizer(builder().ema())) {
      assertThat(vq.codebook().requiresGrad()).isFalse();
      VectorQuantizer.Result r;
      try (Scope step = Scope.open()) {
        Tensor z = f().of(Z, Shape.of(3, 2)).requireGrad();
        r = vq.forward(z);
        assertThat(r.codebookLoss().item()).isZero();
        r.quantized().sum().add(r.loss()).backward();
        assertThat(z.grad()).isNotNull();
      }
      // host EMA: cluster sizes 0.99 * 1 + 0.01 * count; sums 0.99 * e + 0.01 * sum of assigned z
      double[] count = {1, 1, 1, 0};
      double[] cs = new double[4];
      double n = 0;
      for (int k = 0; k < 4; k++) {
        cs[k] = 0.99 + 0.01 * count[k];
        n += cs[k];
      }
      double[] expected = new double[8];
      for (int k = 0; k < 4; k++) {
        double smoothed = (cs[k] + 1e-5) / (n + 4 * 1e-5) * n;
        for (int j = 0; j < 2; j++) {
          double sum = 0.99 * CODES[k * 2 + j] + (k < 3 ? 0.01 * Z[k * 2 + j] : 0);
          expected[k * 2 + j] = sum / smoothed;
        }
      }
      assertThat(vq.codebook().isClosed()).isFalse();
      assertThat(vq.namedBuffers().values()).allSatisfy(t -> assertThat(t.isClosed()).isFalse());
      assertThat(vq.codebook().toDoubleArray()).containsExactly(expected, within(1e-12));
      assertThat(vq.namedBuffers().get("ema.clusterSize").toDoubleArray()).containsExactly(cs, within(1e-12));

      vq.train(false);
      try (Scope step = Scope.open()) {
        vq.forward(f().of(Z, Shape.of(3, 2)));
      }
      assertThat(vq.codebook().toDoubleArray()).containsExactly(expected, within(1e-12));
    }
  }

  @Test
  void deadCodesRestartOnEncoderOutputs() {
    try (VectorQuantizer vq = quantizer(builder().restartDeadCodes(2).ema())) {
      double[] z = {0.05, 0.02, -0.03, 0.01, 0.02, -0.04};
      for (int step = 0; step < 2; step++) {
        try (Scope s = Scope.open()) {
          vq.forward(f().of(z, Shape.of(3, 2)));
        }
      }
      double[] book = vq.codebook().toDoubleArray();
      double[] counts = vq.namedBuffers().get("ema.clusterSize").toDoubleArray();
      for (int k = 1; k < 4; k++) {
        boolean matches = false;
        for (int i = 0; i < 3; i++) {
          matches |= book[k * 2] == z[i * 2] && book[k * 2 + 1] == z[i * 2 + 1];
        }
        assertThat(matches).as("code %d restarted on an encoder output", k).isTrue();
        assertThat(counts[k]).isEqualTo(1.0);
      }
    }
  }
}
