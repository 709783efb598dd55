package org.vae4j.core.random;

import org.vae4j.api.RandomStream;

/**
 * A counter-based random stream, Philox 4x32-10 (Salmon et al., SC'11): each 128-bit counter value is
 * encrypted under a 64-bit key into four 32-bit outputs. The same seed gives the same numbers on every
 * backend and device, because they are made here on the host.
 *
 * <p>Every call consumes whole blocks of four outputs, so the sequence a call sees depends only on the seed
 * and the calls before it. {@link #state()} and {@link #fromState(long[])} save and restore a stream
 * exactly (checkpoints). Not thread-safe; {@link #split()} gives independent streams.
 */
public final class PhiloxStream implements RandomStream {
  private static final int M0 = 0xD2511F53;
  private static final int M1 = 0xCD9E8D57;
  private static final int W0 = 0x9E3779B9;
  private static final int W1 = 0xBB67AE85;
  private static final double TWO_PI = 2 * Math.PI;

  private final int key0;
  private final int key1;
  private long counterLo;
  private long counterHi;

  private PhiloxStream(int key0, int key1, long counterLo, long counterHi) {
    this.key0 = key0;
    this.key1 = key1;
    this.counterLo = counterLo;
    this.counterHi = counterHi;
  }

  /** A stream keyed by {@code seed}, counter at zero. */
  public static PhiloxStream seeded(long seed) {
    return new PhiloxStream((int) seed, (int) (seed >>> 32), 0, 0);
  }

  /** Restores a stream saved with {@link #state()}. */
  public static PhiloxStream fromState(long[] state) {
    if (state == null || state.length != 3) {
      throw new IllegalArgumentException("PhiloxStream state must hold 3 longs (key, counter low, counter high)");
    }
    return new PhiloxStream((int) state[0], (int) (state[0] >>> 32), state[1], state[2]);
  }

  /** The key and counter: {@code {key, counterLo, counterHi}}. */
  public long[] state() {
    return new long[] {(key0 & 0xFFFFFFFFL) | ((long) key1 << 32), counterLo, counterHi};
  }

  /** Fills {@code out} with {@code 4 * blocks} raw 32-bit outputs and advances the counter. */
  private void nextBlocks(int[] out, int blocks) {
    for (int b = 0; b < blocks; b++) {
      int[] r = encrypt((int) counterLo, (int) (counterLo >>> 32), (int) counterHi, (int) (counterHi >>> 32),
          key0, key1);
      System.arraycopy(r, 0, out, 4 * b, 4);
      counterLo++;
      if (counterLo == 0) {
        counterHi++;
      }
    }
  }

  /** Philox 4x32-10 of one counter block under one key. */
  static int[] encrypt(int c0, int c1, int c2, int c3, int k0, int k1) {
    for (int round = 0; round < 10; round++) {
      long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
      long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
      int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
      int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
      c1 = (int) p1;
      c3 = (int) p0;
      c0 = n0;
      c2 = n2;
      k0 += W0;
      k1 += W1;
    }
    return new int[] {c0, c1, c2, c3};
  }

  private int[] raw(int n) {
    int blocks = (n + 3) / 4;
    int[] out = new int[blocks * 4];
    nextBlocks(out, blocks);
    return out;
  }

  @Override
  public float[] uniformFloats(int n) {
    int[] r = raw(n);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (r[i] >>> 8) * 0x1.0p-24f;
    }
    return out;
  }

  @Override
  public double[] uniformDoubles(int n) {
    int[] r = raw(2 * n);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      long bits = ((long) (r[2 * i] >>> 5) << 26) | (r[2 * i + 1] >>> 6);
      out[i] = bits * 0x1.0p-53;
    }
    return out;
  }

  /** Box-Muller on pairs of uniforms; the first uniform is taken in (0, 1] so the logarithm is finite. */
  @Override
  public double[] normalDoubles(int n) {
    int pairs = (n + 1) / 2;
    double[] u = uniformDoubles(2 * pairs);
    double[] out = new double[n];
    for (int p = 0; p < pairs; p++) {
      double r = Math.sqrt(-2.0 * Math.log(1.0 - u[2 * p]));
      double theta = TWO_PI * u[2 * p + 1];
      out[2 * p] = r * Math.cos(theta);
      if (2 * p + 1 < n) {
        out[2 * p + 1] = r * Math.sin(theta);
      }
    }
    return out;
  }

  @Override
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
    }
    return (int) (((raw(1)[0] & 0xFFFFFFFFL) * bound) >>> 32);
  }

  @Override
  public PhiloxStream split() {
    int[] r = raw(4);
    return new PhiloxStream(r[0], r[1], 0, (r[2] & 0xFFFFFFFFL) | ((long) r[3] << 32));
  }
}
