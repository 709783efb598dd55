package org.vae4j.examples.perf;

import java.lang.reflect.Method;

/**
 * The {@code djl-reference} row: {@code org.vae4j.examples.bench.DjlReferenceVae} (784-400-20 on DJL's own
 * autograd and Adam 1e-3), found by reflection so that this harness compiles without DJL on its class path.
 */
final class ReferenceRun implements VaeThroughput.Stepper {
  static final String NAME = "djl-reference";
  private static final String CLASS = "org.vae4j.examples.bench.DjlReferenceVae";
  private final AutoCloseable vae;
  private final Method step;
  private final float[][] data;
  private final int batch;
  private long count;

  ReferenceRun(float[][] data, int batch) {
    this.data = data;
    this.batch = batch;
    try {
      Class<?> type = Class.forName(CLASS);
      this.vae = (AutoCloseable) type.getConstructor(int.class, int.class, int.class, float.class, boolean.class,
          long.class).newInstance(784, 400, 20, 1e-3f, false, 1L);
      this.step = type.getMethod("step", float[].class, int.class);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(NAME + ": " + CLASS + " is not on the class path (it comes with"
          + " vae4j bench in the examples module): " + e, e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void steps(int n) {
    try {
      for (int i = 0; i < n; i++) {
        float loss = (Float) step.invoke(vae, data[(int) (count++ % data.length)], batch);
        if (!Float.isFinite(loss)) {
          throw new IllegalStateException(NAME + ": loss " + loss + " at step " + count);
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(NAME + ": step failed: " + e.getCause(), e);
    }
  }

  @Override
  public void close() {
    try {
      vae.close();
    } catch (Exception e) {
      throw new IllegalStateException(NAME + ": close failed: " + e, e);
    }
  }
}
