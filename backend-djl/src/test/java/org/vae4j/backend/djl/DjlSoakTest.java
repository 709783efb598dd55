package org.vae4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * 10,000 steps of a small MLP (32 x 784 inputs, 128 hidden units, 10 outputs): forward pass, hand-written
 * backward pass and SGD update on the kernels alone, closing every intermediate each step and printing the
 * resident memory every 1,000 steps. Off by default; run with
 * {@code mvn -pl backend-djl -am test -Dtest=DjlSoakTest -Dvae4j.soak=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DjlSoakTest {
  private static final int STEPS = 10_000;
  private final DjlKernels k = DjlTestKernels.cpu();

  @Test
  void tenThousandTrainingStepsHoldSteadyMemory() {
    assumeTrue(Boolean.getBoolean("vae4j.soak"), "soak test: run with -Dvae4j.soak=true");
    int tensorsBefore = k.liveTensors();
    Buffer x = k.fromFloats(KernelsTestBase.floats(KernelsTestBase.values(1, 32 * 784, 0, 1)), Shape.of(32, 784));
    Buffer target = k.fromFloats(KernelsTestBase.floats(KernelsTestBase.values(2, 32 * 10, -1, 1)), Shape.of(32, 10));
    Buffer w1 = k.fromFloats(KernelsTestBase.floats(KernelsTestBase.values(3, 784 * 128, -0.05, 0.05)),
        Shape.of(784, 128));
    Buffer b1 = k.full(Shape.of(128), DType.FLOAT32, 0);
    Buffer w2 = k.fromFloats(KernelsTestBase.floats(KernelsTestBase.values(4, 128 * 10, -0.1, 0.1)),
        Shape.of(128, 10));
    Buffer lr = k.full(Shape.scalar(), DType.FLOAT32, 1e-4);
    Buffer zero = k.full(Shape.scalar(), DType.FLOAT32, 0);
    long start = System.nanoTime();
    long rssAt2000 = -1;
    double firstLoss = Double.NaN;
    double loss = Double.NaN;
    for (int step = 1; step <= STEPS; step++) {
      try (Buffer pre = k.binary(BinaryOp.ADD, track(k.matmul(x, w1, false, false)), b1);
          Buffer h = k.unary(UnaryOp.RELU, pre);
          Buffer y = k.matmul(h, w2, false, false);
          Buffer dy = k.binary(BinaryOp.SUB, y, target);
          Buffer dw2 = k.matmul(h, dy, true, false);
          Buffer dhRaw = k.matmul(dy, w2, false, true);
          Buffer active = k.binary(BinaryOp.GT, pre, zero);
          Buffer dh = k.binary(BinaryOp.MUL, dhRaw, active);
          Buffer dw1 = k.matmul(x, dh, true, false);
          Buffer db1 = k.reduce(ReduceOp.SUM, dh, new int[] {0}, false);
          Buffer sq = k.unary(UnaryOp.SQUARE, dy);
          Buffer l = k.reduce(ReduceOp.SUM, sq, new int[] {0, 1}, false)) {
        loss = k.toFloats(l)[0];
        w1 = step(w1, dw1, lr);
        b1 = step(b1, db1, lr);
        w2 = step(w2, dw2, lr);
      }
      closePending();
      if (step == 1) {
        firstLoss = loss;
      }
      if (step % 1000 == 0) {
        long rss = NativeMemory.residentMiB();
        if (step == 2000) {
          rssAt2000 = rss;
        }
        System.out.printf("soak step %5d: loss %.4f, VmRSS %d MiB, live tensors %d, %.2f ms/step%n", step, loss,
            rss, k.liveTensors() - tensorsBefore, (System.nanoTime() - start) / 1e6 / step);
      }
    }
    long rssEnd = NativeMemory.residentMiB();
    for (Buffer b : new Buffer[] {x, target, w1, b1, w2, lr, zero}) {
      b.close();
    }
    assertThat(loss).isLessThan(firstLoss);
    assertThat(k.liveTensors()).isEqualTo(tensorsBefore);
    if (rssAt2000 >= 0) {
      assertThat(rssEnd - rssAt2000).as("VmRSS growth from step 2,000 (warmed up) to 10,000 in MiB")
          .isLessThan(48);
    }
  }

  private final java.util.List<Buffer> pending = new java.util.ArrayList<>();

  private Buffer track(Buffer b) {
    pending.add(b);
    return b;
  }

  private void closePending() {
    pending.forEach(Buffer::close);
    pending.clear();
  }

  private Buffer step(Buffer w, Buffer grad, Buffer lr) {
    try (Buffer scaled = k.binary(BinaryOp.MUL, grad, lr)) {
      Buffer next = k.binary(BinaryOp.SUB, w, scaled);
      w.close();
      return next;
    }
  }
}
