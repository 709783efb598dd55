package org.vae4j.examples.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The reference for {@code vae4j bench}: pytorch/examples' VAE written directly on DJL's own API, with no
 * vae4j code in between. Encoder {@code 784 -> 400 (ReLU) -> (mu, logvar) of 20}, decoder
 * {@code 20 -> 400 (ReLU) -> 784 logits}, loss the batch mean of binary cross-entropy with logits (summed over
 * pixels) plus the analytic Gaussian KL, one reparameterised sample, gradients by DJL's
 * {@link GradientCollector} (PyTorch autograd) and updates by DJL's {@link ai.djl.training.optimizer.Adam}.
 * Weights start as PyTorch's {@code nn.Linear} defaults, U(-1/sqrt(in), 1/sqrt(in)).
 *
 * <p>Owns an {@link NDManager} holding the parameters and optimizer state; close it. Each step's temporaries
 * live in a sub-manager closed at the end of the step. Not thread-safe.
 */
public final class DjlReferenceVae implements AutoCloseable {
  private final NDManager manager;
  private final Map<String, NDArray> parameters = new LinkedHashMap<>();
  private final Optimizer optimizer;
  private final int latent;

  /**
   * A model of {@code pixels -> hidden -> latent} on DJL's PyTorch engine, on the CPU or the first GPU.
   *
   * @param learningRate Adam's learning rate
   * @param seed         seed of the initial weights
   */
  public DjlReferenceVae(int pixels, int hidden, int latent, float learningRate, boolean gpu, long seed) {
    this.manager = NDManager.newBaseManager(gpu ? Device.gpu() : Device.cpu(), "PyTorch");
    this.latent = latent;
    SplittableRandom random = new SplittableRandom(seed);
    linear("fc1", pixels, hidden, random);
    linear("fc21", hidden, latent, random);
    linear("fc22", hidden, latent, random);
    linear("fc3", latent, hidden, random);
    linear("fc4", hidden, pixels, random);
    this.optimizer = Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build();
  }

  /** The engine's name and version and the device, for the bench table. */
  public String describe() {
    Engine engine = manager.getEngine();
    return engine.getEngineName() + " " + engine.getVersion() + " on " + manager.getDevice();
  }

  /** The device's name as vae4j writes devices: {@code cpu} or {@code gpu:N}. */
  public String device() {
    Device d = manager.getDevice();
    return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu";
  }

  /**
   * One training step on {@code images} ({@code n x pixels} values in [0, 1], row-major).
   *
   * @return the batch's mean loss (negative ELBO per image, nats), read back from the engine, so the step
   *     has finished when this returns
   */
  public float step(float[] images, int n) {
    try (NDManager step = manager.newSubManager()) {
      NDArray x = step.create(images, new Shape(n, images.length / n));
      NDArray loss;
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray h = affine(x, "fc1").maximum(0f);
        NDArray mu = affine(h, "fc21");
        NDArray logVar = affine(h, "fc22");
        NDArray eps = step.randomNormal(new Shape(n, latent));
        NDArray z = mu.add(eps.mul(logVar.mul(0.5f).exp()));
        NDArray logits = affine(affine(z, "fc3").maximum(0f), "fc4");
        // BCE with logits, stable: max(l, 0) - l x + log(1 + exp(-|l|))
        NDArray bce = logits.maximum(0f).sub(logits.mul(x)).add(logits.abs().neg().exp().add(1f).log()).sum();
        NDArray kl = logVar.add(1f).sub(mu.square()).sub(logVar.exp()).sum().mul(-0.5f);
        loss = bce.add(kl).div((float) n);
        collector.backward(loss);
      }
      for (Map.Entry<String, NDArray> p : parameters.entrySet()) {
        NDArray grad = p.getValue().getGradient();
        optimizer.update(p.getKey(), p.getValue(), grad);
        grad.subi(grad);
        grad.close();
      }
      return loss.getFloat();
    }
  }

  @Override
  public void close() {
    manager.close();
  }

  private void linear(String name, int in, int out, SplittableRandom random) {
    double bound = 1 / Math.sqrt(in);
    NDArray w = manager.create(uniform(in * out, bound, random), new Shape(in, out));
    NDArray b = manager.create(uniform(out, bound, random), new Shape(out));
    w.setRequiresGradient(true);
    b.setRequiresGradient(true);
    parameters.put(name + ".weight", w);
    parameters.put(name + ".bias", b);
  }

  private NDArray affine(NDArray x, String name) {
    return x.dot(parameters.get(name + ".weight")).add(parameters.get(name + ".bias"));
  }

  private static float[] uniform(int n, double bound, SplittableRandom random) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextDouble(-bound, bound);
    }
    return v;
  }
}
