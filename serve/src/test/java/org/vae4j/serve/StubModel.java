package org.vae4j.serve;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.vae4j.api.Shape;
import org.vae4j.serve.model.LatentSpace;
import org.vae4j.serve.model.Operation;
import org.vae4j.serve.model.Rows;
import org.vae4j.serve.model.ServedModel;

/**
 * A served model for the error tests, without tensors: {@code /reconstruct} echoes its input, {@code /sample}
 * fails as a broken model would, and {@code /decode} waits until {@link #release} (to fill the queue).
 */
final class StubModel implements ServedModel {
  private volatile CountDownLatch gate = new CountDownLatch(0);

  /** Makes {@code /decode} wait until {@link #release}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    gate.countDown();
  }

  @Override
  public String kind() {
    return "stub";
  }

  @Override
  public String description() {
    return "stub";
  }

  @Override
  public Shape inputShape() {
    return Shape.of(Fixtures.PIXELS);
  }

  @Override
  public int rows() {
    return Fixtures.SIDE;
  }

  @Override
  public int cols() {
    return Fixtures.SIDE;
  }

  @Override
  public Set<Operation> operations() {
    return EnumSet.of(Operation.RECONSTRUCT, Operation.SAMPLE, Operation.DECODE);
  }

  @Override
  public LatentSpace latent() {
    return LatentSpace.continuous(2);
  }

  @Override
  public int classes() {
    return 0;
  }

  @Override
  public boolean conditional() {
    return false;
  }

  @Override
  public String backendName() {
    return "none";
  }

  @Override
  public Rows reconstruct(Rows images) {
    return images;
  }

  @Override
  public Rows sample(int n, long seed, int[] labels) {
    throw new IllegalStateException("the stub model broke\non purpose");
  }

  @Override
  public Rows decode(Rows latents) {
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the stub was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Rows.of(new float[latents.count() * Fixtures.PIXELS], latents.count());
  }
}
