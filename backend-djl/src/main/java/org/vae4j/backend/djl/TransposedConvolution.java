package org.vae4j.backend.djl;

import ai.djl.pytorch.engine.PtNDArray;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Conv2dSpec;

/**
 * The gradient of conv2d with respect to its input (a transposed convolution) as forward convolutions, one
 * per stride phase, so that no multiply is spent on inserted zeros. Thread-safe.
 *
 * <p>Along one axis, input position {@code h} receives {@code g[oh] * w[k]} wherever
 * {@code oh * stride + k * dilation = h + pad}. Split {@code h + pad = q * stride + r} by its phase
 * {@code r}: the taps that reach phase r are {@code k = k0, k0 + stride/g, ...} ({@code g = gcd(stride,
 * dilation)}, none when g does not divide r), and they read gradOutput at steps of {@code dilation/g}. So
 * phase r is a stride-1 convolution of the padded gradOutput with those taps, flipped, at dilation
 * {@code dilation/g}. The phases are interleaved ({@code q * stride + r}) and the leading {@code pad}
 * positions dropped.
 */
final class TransposedConvolution {

  /** One stride phase along one axis; {@code taps == 0} when no kernel tap reaches it. */
  private record Phase(int firstTap, int taps, int tapStep, int dilation, int padBefore, int padAfter) {
  }

  private final TorchContext ctx;

  TransposedConvolution(TorchContext ctx) {
    this.ctx = ctx;
  }

  PtNDArray backwardInput(PtNDArray gradOutput, PtNDArray weight, Shape inputShape, Conv2dSpec spec) {
    long[] g = gradOutput.getShape().getShape();
    long[] w = weight.getShape().getShape();
    int n = inputShape.dim(0);
    int c = inputShape.dim(1);
    int h = inputShape.dim(2);
    int wd = inputShape.dim(3);
    int sh = spec.strideH();
    int sw = spec.strideW();
    int qh = ceilDiv(h + spec.padH(), sh);
    int qw = ceilDiv(wd + spec.padW(), sw);
    Phase[] rows = phases(sh, spec.dilationH(), (int) w[2], (int) g[2], qh);
    Phase[] cols = phases(sw, spec.dilationW(), (int) w[3], (int) g[3], qw);
    try (Scratch s = new Scratch()) {
      PtNDArray[] byRow = new PtNDArray[sh];
      for (int rh = 0; rh < sh; rh++) {
        PtNDArray[] byCol = new PtNDArray[sw];
        for (int rw = 0; rw < sw; rw++) {
          byCol[rw] = s.keep(phase(s, gradOutput, weight, rows[rh], cols[rw], n, c, qh, qw));
        }
        byRow[rh] = s.keep(LibTorch.stack(byCol, 4));
      }
      PtNDArray phased = s.keep(LibTorch.stack(byRow, 3));
      PtNDArray interleaved = s.keep(LibTorch.reshape(phased, new long[] {n, c, (long) qh * sh, (long) qw * sw}));
      return LibTorch.index(interleaved, new long[] {0, 0, spec.padH(), spec.padW()},
          new long[] {n, c, spec.padH() + h, spec.padW() + wd}, new long[] {1, 1, 1, 1}, interleaved.getManager());
    }
  }

  /** The (N, C, qh, qw) contribution of one (row, column) phase pair. */
  private PtNDArray phase(Scratch s, PtNDArray gradOutput, PtNDArray weight, Phase row, Phase col, int n, int c,
      int qh, int qw) {
    if (row.taps() == 0 || col.taps() == 0) {
      return ctx.full(new ai.djl.ndarray.types.Shape(n, c, qh, qw), 0, gradOutput.getDataType());
    }
    long[] w = weight.getShape().getShape();
    PtNDArray taps = s.keep(LibTorch.index(weight, new long[] {0, 0, row.firstTap(), col.firstTap()},
        new long[] {w[0], w[1], w[2], w[3]}, new long[] {1, 1, row.tapStep(), col.tapStep()}, weight.getManager()));
    PtNDArray flipped = s.keep(LibTorch.flip(taps, new long[] {2, 3}));
    PtNDArray kernel = LinalgKernels.contiguous(s, s.keep(LibTorch.permute(flipped, new long[] {1, 0, 2, 3})));
    PtNDArray padded = s.keep(LibTorch.pad(gradOutput,
        new long[] {col.padBefore(), col.padAfter(), row.padBefore(), row.padAfter()}, 0));
    return LinalgKernels.convolve(padded, kernel, 1, 1, 0, 0, row.dilation(), col.dilation());
  }

  /** The phases of one axis, each producing {@code q} positions from a gradOutput of length {@code out}. */
  private static Phase[] phases(int stride, int dilation, int kernel, int out, int q) {
    int g = gcd(stride, dilation);
    int tapStep = stride / g;
    int step = dilation / g;
    Phase[] phases = new Phase[stride];
    for (int r = 0; r < stride; r++) {
      int first = -1;
      for (int k = 0; k < tapStep && first < 0; k++) {
        if ((long) k * dilation % stride == r) {
          first = k;
        }
      }
      int taps = first < 0 || first >= kernel ? 0 : (kernel - 1 - first) / tapStep + 1;
      if (taps == 0) {
        phases[r] = new Phase(0, 0, tapStep, step, 0, 0);
        continue;
      }
      int lead = (first * dilation - r) / stride;
      int before = lead + (taps - 1) * step;
      int after = q + (taps - 1) * step - before - out;
      phases[r] = new Phase(first, taps, tapStep, step, before, after);
    }
    return phases;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
