package org.vae4j.models;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.estimators.LogLikelihood;
import org.vae4j.core.nn.Activation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.EpochReport;
import org.vae4j.core.train.Trainer;
import org.vae4j.core.train.TrainingListener;

/**
 * Issue 14.2's measurement (a program, not a unit test): the 784-400-20 ReLU VAE of pytorch/examples with a
 * diagonal-Gaussian posterior, with 2 IAF steps (context 32, MADE hidden 320) and with 8 planar steps,
 * trained on the same budget (Adam 1e-3, batch 128, same seeds) on the 9,000 / 1,000 split of mnist-10k
 * (grey levels, Bernoulli likelihood by binary cross-entropy). Prints one table row per posterior: test
 * negative ELBO (mean of 10 passes of one draw per digit) and the importance-sampled negative log-likelihood
 * (k draws per digit), both in nats per digit, on the 1,000 test digits.
 *
 * <p>Run from the repository root (the models' test classpath holds the pure backend):
 * <pre>
 * mvn -B -q -pl models -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=/tmp/models-cp.txt
 * java --add-modules jdk.incubator.vector -Xmx4g \
 *     -cp models/target/test-classes:models/target/classes:$(cat /tmp/models-cp.txt) \
 *     org.vae4j.models.FlowPosteriorMeasurement examples/src/main/resources/org/vae4j/examples/data/mnist-10k 10 500
 * </pre>
 * Arguments: the mnist-10k folder, epochs (10), importance samples k (500). The table goes to standard
 * output, progress to standard error.
 */
public final class FlowPosteriorMeasurement {
  private static final Shape D = Shape.of(784);

  private FlowPosteriorMeasurement() {
  }

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "examples/src/main/resources/org/vae4j/examples/data/mnist-10k");
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    float[] train = MnistSubset.readImages(dir.resolve("train-images-idx3-ubyte.gz"), 9000).images(0, 9000);
    float[] test = MnistSubset.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"), 1000).images(0, 1000);
    TensorFactory f = Tests.pure();
    System.out.printf(Locale.ROOT, "| posterior q(z|x) | parameters | test -ELBO | test -log p(x), k = %d |%n", k);
    System.out.println("|---|---|---|---|");
    for (FlowVae.Flow flow : FlowVae.Flow.values()) {
      int steps = flow == FlowVae.Flow.PLANAR ? 8 : 2;
      try (FlowVae vae = FlowVae.mlp(D, 400, 20, Activation::relu, flow, steps, 32, new int[] {320},
          Likelihood.bernoulli(), ParameterFactory.of(f, PhiloxStream.seeded(1)));
          Adam adam = Adam.builder(1e-3).build(vae.namedParameters())) {
        long start = System.nanoTime();
        Trainer.builder(vae, adam).epochs(epochs).batchSize(128).seed(2).listener(new TrainingListener() {
          @Override
          public void onEpoch(EpochReport e) {
            System.err.printf(Locale.ROOT, "%s epoch %d: train loss %.2f (%.0f s)%n", flow, e.epoch(), e.trainLoss(),
                e.seconds());
          }
        }).build().fit(Dataset.of(train, D, null));
        vae.train(false);
        double[] result = evaluate(vae, f, test, k);
        int parameters = vae.namedParameters().values().stream().mapToInt(t -> (int) t.size()).sum();
        String name = switch (flow) {
          case NONE -> "diagonal Gaussian";
          case IAF -> "diagonal Gaussian + 2 IAF steps";
          case PLANAR -> "diagonal Gaussian + 8 planar steps";
        };
        System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.2f |%n", name, parameters, result[0], result[1]);
        System.err.printf(Locale.ROOT, "%s: trained and evaluated in %.0f s%n", flow,
            (System.nanoTime() - start) / 1e9);
      }
    }
  }

  /** {test -ELBO, test -log p(x)} in nats per digit. */
  private static double[] evaluate(FlowVae vae, TensorFactory f, float[] test, int k) {
    int n = test.length / 784;
    double elbo = 0;
    double logPx = 0;
    PhiloxStream rng = PhiloxStream.seeded(3);
    try (NoGrad ng = NoGrad.enter()) {
      for (int i = 0; i < n; i += 100) {
        try (Scope s = Scope.open()) {
          Tensor x = f.of(Arrays.copyOfRange(test, i * 784, (i + 100) * 784), D.prepend(100));
          for (int pass = 0; pass < 10; pass++) {
            elbo += vae.evaluationLoss(Batch.of(x, null), rng).item() * 100 / 10;
          }
          logPx += LogLikelihood.estimate(vae, x, rng, k).sum().item();
        }
      }
    }
    return new double[] {elbo / n, -logPx / n};
  }
}
