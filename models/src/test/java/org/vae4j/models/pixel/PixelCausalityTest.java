package org.vae4j.models.pixel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.models.pixel.PixelModels.Kind;

/**
 * Causality of every pixel model in both modes, exhaustively over pixels: changing pixel j must leave the
 * logits at every pixel {@code i <= j} (raster order) exactly as they were and must change them at the later
 * pixels its receptive field covers ({@link PixelModels.Kind#dependsOn}). Then the cached sampler must compute the same logits as the
 * teacher-forced network at every pixel.
 */
class PixelCausalityTest {
  /** Far above the float64 rounding of any real dependency seen, far above exact zero. */
  private static final double CHANGED = 1e-9;

  static Iterable<Kind> kinds() {
    return PixelModels.kinds();
  }

  /** Max |a - b| per pixel of two {@code (1, C, H, W)} maps. */
  private static double[] changePerPixel(double[] a, double[] b, int pixels) {
    double[] d = new double[pixels];
    for (int i = 0; i < a.length; i++) {
      d[i % pixels] = Math.max(d[i % pixels], Math.abs(a[i] - b[i]));
    }
    return d;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void logitsAtEachPixelIgnoreThatPixelAndLaterOnesButSeeEarlierOnes(Kind kind) {
    int h = kind.height();
    int w = kind.width();
    int pixels = h * w;
    try (PixelModel model = kind.build(7); NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      float[] x = PixelModels.randomPixels(kind, 1, 11);
      Tensor labels = PixelModels.labels(kind, 1);
      double[] base = model.logits(PixelModels.images(kind, x), labels).toDoubleArray();
      for (int j = 0; j < pixels; j++) {
        float[] changed = x.clone();
        changed[j] = kind.levels() == PixelLevels.BINARY ? 1f - x[j] : (x[j] * 255 + 128) % 256 / 255f;
        double[] d = changePerPixel(base, model.logits(PixelModels.images(kind, changed), labels).toDoubleArray(),
            pixels);
        int jr = j / w;
        int jc = j % w;
        for (int i = 0; i < pixels; i++) {
          int ir = i / w;
          int ic = i % w;
          if (i <= j) {
            assertThat(d[i]).as("%s: logits at %d after changing pixel %d (>= %d)", kind, i, j, i).isZero();
          } else if (kind.dependsOn(ir, ic, jr, jc)) {
            assertThat(d[i]).as("%s: logits at %d after changing the earlier pixel %d", kind, i, j)
                .isGreaterThan(CHANGED);
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.vae4j.models.pixel.PixelModels#kindsForTheSampler")
  void theCachedSamplerComputesTheTeacherForcedLogits(Kind kind) {
    try (PixelModel model = kind.build(13); NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      Tensor images = PixelModels.images(kind, PixelModels.randomPixels(kind, 3, 17));
      Tensor labels = PixelModels.labels(kind, 3);
      double[] full = model.logits(images, labels).toDoubleArray();
      double[] cached = model.logitsAsSampled(images, labels).toDoubleArray();
      assertThat(cached).hasSameSizeAs(full);
      for (int i = 0; i < full.length; i++) {
        assertThat(cached[i]).as("%s: logit %d pixel by pixel through the sampler's caches", kind, i)
            .isCloseTo(full[i], within(1e-9));
      }
    }
  }
}
