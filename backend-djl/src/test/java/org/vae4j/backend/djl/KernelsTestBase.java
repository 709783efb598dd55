package org.vae4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;

/**
 * Base of the djl kernel tests: buffers made through {@link #track} are closed after each test, which then
 * asserts that the kernels hold no more libtorch tensors than before it, so every test also checks that its
 * ops leak no intermediate.
 */
abstract class KernelsTestBase {
  protected final DjlKernels k = kernels();
  private final List<Buffer> buffers = new ArrayList<>();
  private int tensorsBefore;

  /** The kernels under test: the backend's CPU kernels unless a subclass says otherwise. */
  protected DjlKernels kernels() {
    return DjlTestKernels.cpu();
  }

  @BeforeEach
  void countTensors() {
    tensorsBefore = k.liveTensors();
  }

  @AfterEach
  void closeAndCheckNothingLeaked() {
    buffers.forEach(Buffer::close);
    buffers.clear();
    assertThat(k.liveTensors()).as("libtorch tensors held after closing every buffer of the test")
        .isEqualTo(tensorsBefore);
  }

  protected Buffer track(Buffer b) {
    buffers.add(b);
    return b;
  }

  protected Buffer f64(double[] data, int... shape) {
    return track(k.fromDoubles(data, Shape.of(shape)));
  }

  protected Buffer f32(float[] data, int... shape) {
    return track(k.fromFloats(data, Shape.of(shape)));
  }

  protected Buffer i32(int[] data, int... shape) {
    return track(k.fromInts(data, Shape.of(shape)));
  }

  protected double[] d(Buffer b) {
    return k.toDoubles(b);
  }

  /** Deterministic pseudo-random values in [low, high). */
  protected static double[] values(long seed, int n, double low, double high) {
    java.util.Random r = new java.util.Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = low + (high - low) * r.nextDouble();
    }
    return v;
  }

  protected static float[] floats(double[] v) {
    float[] r = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (float) v[i];
    }
    return r;
  }
}
