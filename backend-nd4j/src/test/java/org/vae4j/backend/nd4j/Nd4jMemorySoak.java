package org.vae4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Kernels;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * Soak: 10,000 steps of a small MLP's forward and backward arithmetic directly on the kernels, closing
 * every buffer each step. Prints resident memory, Java heap use and JavaCPP's count every 1,000 steps, and
 * fails if resident memory grew by 64 MiB or more from step 1,000 to the end, both measured after a
 * collection (a leak). Buffers' data is freed by close() alone (see Nd4jBufferTest); ND4J 1.0.0-M2.1 frees
 * the small native struct it keeps per array (and JavaCPP its pointers) from reference queues, after the
 * collector has found the array's Java object unreachable. Not run by surefire's default includes
 * (its name does not end in Test); run it with
 * {@code mvn -B -pl backend-nd4j -am verify -Dtest=Nd4jMemorySoak -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class Nd4jMemorySoak {
  private static final int STEPS = 10_000;
  private final Kernels k = Nd4jTestKernels.kernels();
  private final Random random = new Random(3);

  private Buffer normal(double scale, int... shape) {
    Shape s = Shape.of(shape);
    float[] v = new float[s.sizeAsInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (scale * random.nextGaussian());
    }
    return k.fromFloats(v, s);
  }

  /** {@code a op b}, closing both operands when they are temporaries. */
  private Buffer bin(BinaryOp op, Buffer a, Buffer b, boolean closeA, boolean closeB) {
    Buffer r = k.binary(op, a, b);
    if (closeA) {
      a.close();
    }
    if (closeB) {
      b.close();
    }
    return r;
  }

  @Test
  void tenThousandMlpStepsDoNotGrowNativeMemory() {
    assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments())
        .as("run the soak with the soak profile (mvn -Psoak), whose fixed pre-touched heap keeps the Java"
            + " heap out of the changes in resident memory").contains("-XX:+AlwaysPreTouch");
    Buffer x = normal(1, 256, 100);
    Buffer y = normal(1, 256, 10);
    Buffer w1 = normal(0.1, 100, 64);
    Buffer b1 = k.full(Shape.of(64), DType.FLOAT32, 0);
    Buffer w2 = normal(0.1, 64, 10);
    Buffer b2 = k.full(Shape.of(10), DType.FLOAT32, 0);
    Buffer lr = k.full(Shape.scalar(), DType.FLOAT32, 1e-3);
    Buffer two = k.full(Shape.scalar(), DType.FLOAT32, 2);
    Buffer one = k.full(Shape.scalar(), DType.FLOAT32, 1);
    long baseline = 0;
    double firstLoss = 0;
    double loss = 0;
    long start = System.nanoTime();
    for (int step = 1; step <= STEPS; step++) {
      Buffer h = bin(BinaryOp.ADD, k.matmul(x, w1, false, false), b1, true, false);
      Buffer a = k.unary(UnaryOp.TANH, h);
      h.close();
      Buffer o = bin(BinaryOp.ADD, k.matmul(a, w2, false, false), b2, true, false);
      Buffer diff = bin(BinaryOp.SUB, o, y, true, false);
      try (Buffer sq = k.unary(UnaryOp.SQUARE, diff); Buffer sum = k.reduce(ReduceOp.SUM, sq, new int[] {0, 1}, false)) {
        loss = k.toDoubles(sum)[0];
      }
      Buffer gO = bin(BinaryOp.MUL, diff, two, true, false);
      Buffer gW2 = k.matmul(a, gO, true, false);
      Buffer gb2 = k.reduce(ReduceOp.SUM, gO, new int[] {0}, false);
      Buffer gA = k.matmul(gO, w2, false, true);
      gO.close();
      Buffer dTanh = bin(BinaryOp.SUB, one, k.unary(UnaryOp.SQUARE, a), false, true);
      a.close();
      Buffer gH = bin(BinaryOp.MUL, gA, dTanh, true, true);
      Buffer gW1 = k.matmul(x, gH, true, false);
      Buffer gb1 = k.reduce(ReduceOp.SUM, gH, new int[] {0}, false);
      gH.close();
      w1 = bin(BinaryOp.SUB, w1, bin(BinaryOp.MUL, gW1, lr, true, false), true, true);
      b1 = bin(BinaryOp.SUB, b1, bin(BinaryOp.MUL, gb1, lr, true, false), true, true);
      w2 = bin(BinaryOp.SUB, w2, bin(BinaryOp.MUL, gW2, lr, true, false), true, true);
      b2 = bin(BinaryOp.SUB, b2, bin(BinaryOp.MUL, gb2, lr, true, false), true, true);
      if (step == 1) {
        firstLoss = loss;
      }
      if (step == 1) {
        print("step 1", loss, start, step);
      }
      if (step == 1000) {
        collect();
        baseline = Pointer.physicalBytes();
        print("step 1000, after System.gc()", loss, start, step);
      } else if (step % 1000 == 0) {
        print("step " + step, loss, start, step);
      }
    }
    for (Buffer b : new Buffer[] {x, y, w1, b1, w2, b2, lr, two, one}) {
      b.close();
    }
    collect();
    long end = Pointer.physicalBytes();
    print("end, after System.gc()", loss, start, STEPS);
    assertThat(loss).as("the MLP learned").isLessThan(firstLoss);
    assertThat(end - baseline).as("resident growth from step 1000 to the end, both after a collection")
        .isLessThan(64L << 20);
  }

  /** Runs the collector so that ND4J's reference queues free the bookkeeping of closed arrays. */
  private static void collect() {
    for (int i = 0; i < 2; i++) {
      System.gc();
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void print(String when, double loss, long start, int steps) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    System.out.printf(Locale.ROOT, "%-30s loss %.4e  resident %7.1f MiB  heap used %6.1f MiB  javacpp %7.1f KiB"
        + "  %.2f ms/step%n", when, loss, Pointer.physicalBytes() / 1048576.0, heap.getUsed() / 1048576.0,
        Pointer.totalBytes() / 1024.0, (System.nanoTime() - start) / 1e6 / steps);
  }
}
