package org.vae4j.models;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.estimators.Iwae;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.EpochReport;
import org.vae4j.core.train.Trainer;
import org.vae4j.core.train.TrainingListener;

/**
 * Issue 6's headline run, by hand (not a unit test): pytorch/examples' 784-400-20 VAE, Adam 1e-3, batch
 * 128, 10 epochs on the 9,000 / 1,000 split of mnist-10k, on the pure backend; prints the test negative
 * ELBO after each epoch and, at the end, the IWAE bound with k = 100. Usage:
 * {@code java ... org.vae4j.models.HeadlineRun /path/to/mnist-10k [epochs] [mlp|conv]}; {@code conv} trains
 * {@link Vae#convolutional} with 20 latent dimensions instead.
 */
public final class HeadlineRun {
  /** The MNIST subset the examples module ships, seen from the models module. */
  private static final String EMBEDDED = "../examples/src/main/resources/org/vae4j/examples/data/mnist-10k";

  private HeadlineRun() {
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : EMBEDDED);
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    float[] trainX = images(dir.resolve("train-images-idx3-ubyte.gz"));
    float[] testX = images(dir.resolve("t10k-images-idx3-ubyte.gz"));
    boolean conv = args.length > 2 && args[2].equals("conv");
    Shape d = conv ? Shape.of(1, 28, 28) : Shape.of(784);
    TensorFactory f = Tests.pure();
    ParameterFactory params = ParameterFactory.of(f, PhiloxStream.seeded(1));
    try (Vae vae = conv ? Vae.convolutional(20, Likelihood.bernoulli(), params) : Vae.pytorchExample(params);
        Adam adam = Adam.builder(1e-3).build(vae.namedParameters())) {
      Trainer trainer = Trainer.builder(vae, adam).epochs(epochs).batchSize(128).seed(2)
          .testSet(Dataset.of(testX, d, null)).listener(new TrainingListener() {
            @Override
            public void onEpoch(EpochReport e) {
              System.out.printf("epoch %d: train loss %.2f, test -ELBO %.2f nats (%.1f s)%n", e.epoch(),
                  e.trainLoss(), e.testLoss(), e.seconds());
            }
          }).build();
      long start = System.nanoTime();
      trainer.fit(Dataset.of(trainX, d, null));
      System.out.printf("trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
      vae.train(false);
      RandomStream rng = PhiloxStream.seeded(3);
      double elbo = 0;
      double iwae = 0;
      int n = testX.length / 784;
      int chunk = 100;
      try (NoGrad ng = NoGrad.enter()) {
        for (int i = 0; i < n; i += chunk) {
          try (Scope s = Scope.open()) {
            float[] part = java.util.Arrays.copyOfRange(testX, i * 784, (i + chunk) * 784);
            Tensor x = f.of(part, d.prepend(chunk));
            elbo += vae.elbo(x, rng).perExample().sum().item();
            iwae += new Iwae(100).compute(vae, x, rng).perExample().sum().item();
          }
        }
      }
      System.out.printf("test: -ELBO %.2f nats, -IWAE(k=100) %.2f nats over %d digits%n", -elbo / n, -iwae / n, n);
    }
  }

  private static float[] images(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      if (in.readInt() != 0x803) {
        throw new IOException(file + " is not an IDX image file");
      }
      int n = in.readInt();
      int px = in.readInt() * in.readInt();
      byte[] b = in.readNBytes(n * px);
      float[] out = new float[b.length];
      for (int i = 0; i < b.length; i++) {
        out[i] = (b[i] & 0xFF) / 255f;
      }
      return out;
    }
  }
}
