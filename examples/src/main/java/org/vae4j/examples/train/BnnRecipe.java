package org.vae4j.examples.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.examples.pictures.ImageGrid;
import org.vae4j.models.bayes.BayesianMlp;

/**
 * {@code bnn}: Bayes by Backprop (Blundell et al. 2015) on an MLP classifier of the images' labels
 * ({@code --hidden} widths, ReLU, N(0, 1) weight prior, local reparameterisation). It has no latent code, so
 * instead of reconstructions and samples it draws {@code uncertainty.png}: the test images whose predictive
 * distribution (averaged over {@value #PREDICTIVE_SAMPLES} weight draws) has the highest entropy. Its test
 * log-likelihood is the mean log predictive probability of the true label; the accuracy is logged.
 */
public final class BnnRecipe implements ModelRecipe {
  /** Weight draws averaged for predictions. */
  public static final int PREDICTIVE_SAMPLES = 20;
  private static final Logger LOG = LoggerFactory.getLogger(BnnRecipe.class);

  @Override
  public String kind() {
    return "bnn";
  }

  @Override
  public String description() {
    return "Bayes by Backprop MLP classifier (uncertainty.png, no samples)";
  }

  @Override
  public void check(ModelSpec spec) {
    if (spec.classes() < 2) {
      throw new RunInputException("bnn classifies labels and needs at least 2 classes, the data has "
          + spec.classes() + "; give --data mnist-10k or fashion-mnist");
    }
  }

  /** Inputs, hidden widths and classes, e.g. {@code bnn 784-400-10}. */
  @Override
  public String describe(ModelSpec spec) {
    StringBuilder b = new StringBuilder("bnn ").append(spec.pixels());
    for (int h : spec.hidden()) {
      b.append('-').append(h);
    }
    return b.append('-').append(spec.classes()).toString();
  }

  @Override
  public String logLikelihoodMethod() {
    return "log predictive probability of the label, " + PREDICTIVE_SAMPLES + " weight draws";
  }

  @Override
  public int logLikelihoodSamples() {
    return PREDICTIVE_SAMPLES;
  }

  @Override
  public Shape exampleShape(ModelSpec spec) {
    return Shape.of(spec.pixels());
  }

  @Override
  public TrainableModel create(ModelSpec spec, ParameterFactory parameters) {
    return BayesianMlp.builder(BayesianMlp.Task.CLASSIFICATION, spec.pixels(), spec.classes(), spec.trainSize())
        .hidden(spec.hidden()).localReparameterization(true).build(parameters);
  }

  @Override
  public String lossLabel() {
    return "negative ELBO (NLL + KL / N, nats per image)";
  }

  @Override
  public void drawPictures(TrainableModel model, PictureContext context) {
    ImageDataset test = context.data().test();
    int n = Math.min(1000, test.size());
    double[] entropy = predict((BayesianMlp) model, context, n).entropy;
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> entropy[i]).reversed());
    int shown = Math.min(30, n);
    float[] images = new float[shown * test.pixelsPerImage()];
    for (int k = 0; k < shown; k++) {
      System.arraycopy(test.image(order[k]), 0, images, k * test.pixelsPerImage(), test.pixelsPerImage());
    }
    new ImageGrid(test.rows(), test.cols(), 10).figure(images, shown).title("Most uncertain test digits: "
        + context.heading()).caption("The " + shown + " of the first " + n + " test images whose predictive "
        + "distribution (" + PREDICTIVE_SAMPLES + " weight draws) has the highest entropy, most uncertain first.")
        .write(context.run().file("uncertainty.png"));
  }

  @Override
  public OptionalDouble testLogLikelihood(TrainableModel model, PictureContext context) {
    int n = Math.min(context.logLikelihoodImages(), context.data().test().size());
    if (n == 0) {
      return OptionalDouble.empty();
    }
    Predictions p = predict((BayesianMlp) model, context, n);
    LOG.info("bnn: test accuracy {} % on {} images ({} weight draws each)",
        String.format(Locale.ROOT, "%.1f", 100.0 * p.correct / n), n, PREDICTIVE_SAMPLES);
    return OptionalDouble.of(p.logLikelihood / n);
  }

  /** Sums over the first {@code n} test images: log predictive probability of the label, hits, and entropies. */
  private record Predictions(double logLikelihood, int correct, double[] entropy) {
  }

  private Predictions predict(BayesianMlp bnn, PictureContext c, int n) {
    ImageDataset test = c.data().test();
    PhiloxStream rng = PhiloxStream.seeded(c.seed() ^ 0x2545F4914F6CDD1DL);
    double ll = 0;
    int correct = 0;
    double[] entropy = new double[n];
    int k = test.numClasses();
    for (int from = 0; from < n; from += 250) {
      int to = Math.min(n, from + 250);
      var batch = test.slice(from, to);
      try (Scope s = Scope.open()) {
        Tensor x = c.tensors().of(batch.images(), Shape.of(to - from, test.pixelsPerImage()));
        BayesianMlp.ClassPrediction p = bnn.predictClasses(x, PREDICTIVE_SAMPLES, rng);
        float[] probs = p.probabilities().toFloatArray();
        float[] h = p.entropy().toFloatArray();
        for (int i = 0; i < to - from; i++) {
          int label = batch.labels()[i];
          int best = 0;
          for (int j = 1; j < k; j++) {
            best = probs[i * k + j] > probs[i * k + best] ? j : best;
          }
          correct += best == label ? 1 : 0;
          ll += Math.log(Math.max(probs[i * k + label], 1e-30));
          entropy[from + i] = h[i];
        }
      }
    }
    return new Predictions(ll, correct, entropy);
  }
}
