package org.vae4j.serve;

import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Backends;
import org.vae4j.core.Tensors;
import org.vae4j.core.nn.Activation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.Trainer;
import org.vae4j.models.ConditionalVae;
import org.vae4j.models.Likelihood;
import org.vae4j.models.Vae;
import org.vae4j.models.bayes.BayesianMlp;
import org.vae4j.models.vq.PixelCnnConfig;
import org.vae4j.models.vq.PixelCnnPrior;
import org.vae4j.models.vq.VqVae;
import org.vae4j.models.vq.VqVaeConfig;
import org.vae4j.serve.model.ModelInfo;
import org.vae4j.serve.model.Rows;

/**
 * Small models and data for the service's tests, made in a second or two: synthetic 28x28 images of discs
 * (the label is the quadrant of the centre), a 784-64-2 VAE trained on them for a few epochs, and untrained
 * (seeded) CVAE, VQ-VAE with a tiny PixelCNN prior, and Bayesian classifier. The models own their
 * parameters; tests close them.
 */
public final class Fixtures {
  public static final int SIDE = 28;
  public static final int PIXELS = SIDE * SIDE;
  public static final int CLASSES = 4;

  private Fixtures() {
  }

  /** The tensors of backend {@code name} on the CPU. */
  public static TensorFactory tensors(String name) {
    return Tensors.on(Backends.get(name).kernels(Device.CPU));
  }

  /** {@code n} disc images in [0, 1] with labels, from {@code seed}. */
  public static Rows discs(int n, long seed) {
    PhiloxStream rng = PhiloxStream.seeded(seed);
    float[] v = new float[n * PIXELS];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      double[] u = rng.uniformDoubles(3);
      double cx = 6 + 16 * u[0];
      double cy = 6 + 16 * u[1];
      double r = 3 + 4 * u[2];
      labels[i] = (cx < 14 ? 0 : 1) + (cy < 14 ? 0 : 2);
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          double d = Math.hypot(x - cx, y - cy);
          v[i * PIXELS + y * SIDE + x] = (float) Math.max(0, Math.min(1, r + 0.5 - d));
        }
      }
    }
    return new Rows(v, n, labels);
  }

  /** A 784-64-2 VAE trained for 3 epochs on 600 discs. */
  public static Vae trainedVae(TensorFactory f) {
    Vae vae = Vae.mlp(Shape.of(PIXELS), 64, 2, Activation::relu, Likelihood.bernoulli(),
        ParameterFactory.of(f, PhiloxStream.seeded(1)));
    Rows data = discs(600, 2);
    try (Optimizer adam = Adam.builder(3e-3).build(vae.namedParameters())) {
      Trainer.builder(vae, adam).epochs(3).batchSize(50).seed(3).build()
          .fit(Dataset.of(data.values(), Shape.of(PIXELS), data.labels()));
    }
    return vae;
  }

  /** An untrained 784-32-3 conditional VAE of 4 classes. */
  public static ConditionalVae cvae(TensorFactory f) {
    return ConditionalVae.mlp(Shape.of(PIXELS), CLASSES, 32, 3, ParameterFactory.of(f, PhiloxStream.seeded(4)));
  }

  /** An untrained VQ-VAE of 16 codes. */
  public static VqVae vqVae(TensorFactory f) {
    return new VqVae(new VqVaeConfig(8, 0, 4, 16, 0.25, false, 0), ParameterFactory.of(f, PhiloxStream.seeded(5)));
  }

  /** An untrained one-layer PixelCNN prior over 7x7 maps of 16 codes. */
  public static PixelCnnPrior prior(TensorFactory f) {
    return new PixelCnnPrior(new PixelCnnConfig(16, 7, 7, 4, 4, 1, 3), ParameterFactory.of(f, PhiloxStream.seeded(6)));
  }

  /** An untrained Bayesian 784-16-4 classifier. */
  public static BayesianMlp bnn(TensorFactory f) {
    return BayesianMlp.builder(BayesianMlp.Task.CLASSIFICATION, PIXELS, CLASSES, 600).hidden(16)
        .localReparameterization(true).build(ParameterFactory.of(f, PhiloxStream.seeded(7)));
  }

  /** The info of a 28x28 model of {@code kind}. */
  public static ModelInfo info(String kind) {
    return new ModelInfo(kind, kind + " (test)", SIDE, SIDE);
  }
}
