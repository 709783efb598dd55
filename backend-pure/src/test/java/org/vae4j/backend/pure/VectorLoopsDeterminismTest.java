package org.vae4j.backend.pure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vae4j.api.spi.UnaryOp;

/**
 * The Vector API loops give the same bits compiled as interpreted: the digest of every loop's results after
 * the JIT has compiled them in this JVM equals the digest that a second JVM computes with {@code -Xint}. Exact
 * resume rests on it (a resumed run starts with cold code, the run it continues had compiled code).
 */
class VectorLoopsDeterminismTest {
  private static final int N = 4096 + 5;
  private static final UnaryOp[] OPS = {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.TANH, UnaryOp.LOG1P, UnaryOp.SIGMOID,
      UnaryOp.SOFTPLUS};

  @Test
  void compiledLoopsAgreeBitForBitWithTheInterpreter() throws IOException, InterruptedException {
    System.clearProperty(Gemms.PROPERTY);
    assumeTrue(VectorLoops.get() != null, "jdk.incubator.vector is not present");
    for (int i = 0; i < 3000; i++) {
      digest();
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-Xint", "--add-modules", "jdk.incubator.vector", "-cp",
        System.getProperty("java.class.path"), VectorLoopsDeterminismTest.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the interpreted JVM finished").isTrue();
    List<String> lines = output.lines().filter(l -> l.startsWith("digest ")).toList();
    assertThat(lines).as(output).hasSize(1);
    assertThat(lines.get(0)).isEqualTo("digest " + digest());
  }

  /** Prints the digest, for the interpreted JVM. */
  public static void main(String[] args) {
    System.out.println("digest " + digest());
  }

  /** A hash of the bits of every loop's results on fixed inputs. */
  private static long digest() {
    VectorLoops vector = VectorLoops.get();
    float[] x = new float[N];
    float[] t = new float[N];
    Random r = new Random(11);
    for (int i = 0; i < N; i++) {
      x[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(5) - 2));
      t[i] = r.nextFloat();
    }
    long h = 17;
    float[] y = new float[N];
    for (UnaryOp op : OPS) {
      vector.unary(op).run(x, y, 0, N);
      h = mix(h, y);
    }
    vector.bceWithLogits(x, t, y, 0, N);
    h = mix(h, y);
    vector.bceWithLogitsGradient(t, x, t, y, 0, N);
    h = mix(h, y);
    h = 31 * h + Double.doubleToLongBits(vector.sumOfSquares(x, 0, N));
    return 31 * h + Double.doubleToLongBits(vector.sum(x, 0, N));
  }

  private static long mix(long h, float[] y) {
    for (float v : y) {
      h = 31 * h + Float.floatToRawIntBits(v);
    }
    return h;
  }
}
