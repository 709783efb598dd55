package org.vae4j.models.vq;

import java.nio.file.Path;
import java.util.List;
import org.vae4j.api.DType;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.EpochReport;
import org.vae4j.core.train.TrainingListener;
import org.vae4j.models.MnistSubset;

/**
 * The issue-7 measurement (a program, not a unit test): VQ-VAE with a 7x7 code map and K = 64 on the
 * 9,000 / 1,000 split of mnist-10k, then the PixelCNN prior on its codes. Prints the test MSE per pixel,
 * code usage (perplexity, dead fraction) and the prior's test bits per dimension against log2 K, and
 * writes {@code vq-reconstructions.png} (test inputs above their reconstructions) and
 * {@code vq-samples.png} (decoded prior samples) to the output folder.
 *
 * <p>Models: {@link VqVaeConfig#mnist()} and {@link PixelCnnConfig#sevenBySeven} with K = 64, Adam (rates
 * 2e-3 and 3e-3). Arguments (all optional): data folder (default: the embedded subset, run from
 * the models module),
 * output folder ({@code /tmp}), VQ-VAE epochs (2), prior epochs (2), training examples (9000), EMA codebook
 * ({@code false}), batch size (32).
 */
public final class VqVaeMeasurement {
  /** The MNIST subset the examples module ships, seen from the models module. */
  private static final String EMBEDDED = "../examples/src/main/resources/org/vae4j/examples/data/mnist-10k";

  private VqVaeMeasurement() {
  }

  public static void main(String[] args) {
    Path data = Path.of(args.length > 0 ? args[0] : EMBEDDED);
    Path out = Path.of(args.length > 1 ? args[1] : "/tmp");
    int vqEpochs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int priorEpochs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int trainSize = args.length > 4 ? Integer.parseInt(args[4]) : 9000;
    boolean ema = args.length > 5 && Boolean.parseBoolean(args[5]);
    int batchSize = args.length > 6 ? Integer.parseInt(args[6]) : 32;
    Dataset train = MnistSubset.readImages(data.resolve("train-images-idx3-ubyte.gz"), trainSize).dataset();
    Dataset test = MnistSubset.readImages(data.resolve("t10k-images-idx3-ubyte.gz"), 1000).dataset();
    ParameterFactory params = new ParameterFactory(Tensors.factory(), DType.FLOAT32, PhiloxStream.seeded(2026));
    VqVaeConfig vqConfig = VqVaeConfig.mnist().withEma(ema);
    PixelCnnConfig priorConfig = PixelCnnConfig.sevenBySeven(64);
    System.out.printf("backend %s; %d train / %d test images; VQ-VAE %s; prior %s%n",
        Tensors.factory().backendName(), train.size(), test.size(), vqConfig.describe(), priorConfig.describe());
    TrainingListener progress = new TrainingListener() {
      @Override
      public void onEpoch(EpochReport e) {
        System.out.printf("  epoch %d (step %d): train loss %.4f, test loss %.4f, %.1f s%n", e.epoch() + 1,
            e.step(), e.trainLoss(), e.testLoss(), e.seconds());
      }
    };
    long start = System.nanoTime();
    try (VqVae vqVae = new VqVae(vqConfig, params); PixelCnnPrior prior = new PixelCnnPrior(priorConfig, params)) {
      VqVaePipeline.Result r = VqVaePipeline.run(vqVae, prior, train, test,
          new VqVaePipeline.Settings(vqEpochs, priorEpochs, batchSize, 2e-3, 3e-3, 7), List.of(progress));
      System.out.printf("total %.0f s%n", (System.nanoTime() - start) / 1e9);
      System.out.printf("test MSE per pixel: %.5f%n", r.testMse());
      System.out.printf("train codes: %s%n", r.trainUsage());
      System.out.printf("test codes:  %s%n", r.testUsage());
      System.out.printf("prior test bits/dim: %.3f vs uniform log2 K = %.3f (test NLL %.3f nats/dim)%n",
          r.testBitsPerDim(), r.uniformBitsPerDim(), r.prior().testLoss());
      writePictures(vqVae, prior, test, out);
    }
  }

  private static void writePictures(VqVae vqVae, PixelCnnPrior prior, Dataset test, Path out) {
    int n = 16;
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    try (NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      Tensor x = Batch.from(test, idx, Tensors.factory(), DType.FLOAT32).inputs();
      float[] inputs = x.toFloatArray();
      float[] recon = vqVae.reconstruct(x).toFloatArray();
      float[] both = new float[inputs.length * 2];
      System.arraycopy(inputs, 0, both, 0, inputs.length);
      System.arraycopy(recon, 0, both, inputs.length, recon.length);
      PngGrid.write(both, n, 2, out.resolve("vq-reconstructions.png"));
      float[] samples = VqVaePipeline.sampleImages(vqVae, prior, 32, PhiloxStream.seeded(99)).toFloatArray();
      PngGrid.write(samples, 8, 2, out.resolve("vq-samples.png"));
    }
    System.out.println("wrote " + out.resolve("vq-reconstructions.png") + " and " + out.resolve("vq-samples.png"));
  }
}
