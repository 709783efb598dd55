package org.vae4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Conv2dSpec;

/**
 * The float32 convolution gradients through oneDNN ({@code deconv2d}, {@code conv2d_bp}) against the im2col +
 * gemm path that runs without it, on the same operands. The adjoint identities in {@link Nd4jLinalgTest} hold
 * for both, in float64.
 */
class Nd4jOneDnnConvolutionTest extends TrackedBuffers {

  @Test
  void theModulesLibnd4jHasOneDnn() {
    assertThat(Nd4jOneDnn.built()).as("nd4j-native classifier of backend-nd4j's pom has oneDNN").isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      // n, c, h, w, o, k, stride, pad, dilation: the convolutional VAE's layers, then odd sizes
      "4, 1, 28, 28, 32, 4, 2, 1, 1",
      "4, 32, 14, 14, 64, 4, 2, 1, 1",
      "3, 5, 9, 7, 6, 3, 1, 1, 1",
      "2, 3, 11, 10, 4, 3, 2, 2, 2",
      // the forward pass leaves the last row and column unused: the input gradient falls back to gemm
      "2, 3, 8, 8, 4, 3, 2, 0, 1"})
  void gradientsAgreeWithTheGemmPath(int n, int c, int h, int w, int o, int kernel, int stride, int pad,
      int dilation) {
    Conv2dSpec spec = new Conv2dSpec(stride, stride, pad, pad, dilation, dilation);
    Shape in = Shape.of(n, c, h, w);
    Shape weight = Shape.of(o, c, kernel, kernel);
    Shape out = Shape.of(n, o, spec.outH(h, kernel), spec.outW(w, kernel));
    Random random = new Random(7);
    Buffer x = floats(random, in);
    Buffer wb = floats(random, weight);
    Buffer g = floats(random, out);
    float[] forward = k.toFloats(track(k.conv2d(x, wb, spec)));
    float[] forwardInFloat64 = k.toFloats(track(k.cast(track(k.conv2d(track(k.cast(x, DType.FLOAT64)),
        track(k.cast(wb, DType.FLOAT64)), spec)), DType.FLOAT32)));
    assertClose(forward, forwardInFloat64, "forward (float64 runs libnd4j's own loops)");
    float[] inputGradient = k.toFloats(track(k.conv2dBackwardInput(g, wb, in, spec)));
    float[] weightGradient = k.toFloats(track(k.conv2dBackwardWeight(x, g, weight, spec)));
    String previous = System.getProperty(Nd4jOneDnn.CONVOLUTIONS);
    System.setProperty(Nd4jOneDnn.CONVOLUTIONS, "false");
    try {
      assertClose(inputGradient, k.toFloats(track(k.conv2dBackwardInput(g, wb, in, spec))), "input gradient");
      assertClose(weightGradient, k.toFloats(track(k.conv2dBackwardWeight(x, g, weight, spec))),
          "weight gradient");
    } finally {
      if (previous == null) {
        System.clearProperty(Nd4jOneDnn.CONVOLUTIONS);
      } else {
        System.setProperty(Nd4jOneDnn.CONVOLUTIONS, previous);
      }
    }
  }

  private Buffer floats(Random random, Shape shape) {
    double[] v = new double[shape.sizeAsInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextGaussian();
    }
    return track(k.cast(track(k.fromDoubles(v, shape)), DType.FLOAT32));
  }

  /** Within float32 rounding of sums of a few hundred products of unit normals. */
  private static void assertClose(float[] oneDnn, float[] gemm, String what) {
    assertThat(oneDnn).as(what).hasSameSizeAs(gemm);
    double scale = 0;
    for (float v : gemm) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < gemm.length; i++) {
      assertThat(Math.abs(oneDnn[i] - gemm[i])).as("%s at %d: %s against %s", what, i, oneDnn[i], gemm[i])
          .isLessThanOrEqualTo((float) (1e-5 * scale + 1e-6));
    }
  }
}
