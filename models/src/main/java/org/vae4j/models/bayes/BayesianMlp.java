package org.vae4j.models.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Tensors;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.estimators.BayesByBackprop;
import org.vae4j.core.nn.Inits;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.TrainableModel;

/**
 * Bayes by Backprop on an MLP: {@link BayesianLinear} layers named {@code 0, 1, ...} with ReLU between
 * them, and a head for classification (logits, categorical cross-entropy) or regression (Gaussian
 * likelihood with a fixed noise scale or a learned {@code log_noise} per output).
 *
 * <p>{@link #loss(Tensor, Tensor, RandomStream)} is the per-example negative ELBO of one weight draw:
 * the batch-mean negative log-likelihood plus {@code KL / N} for the training-set size N (Blundell et al.'s
 * minibatch cost with uniform KL weights, divided by the batch size). Build with {@link #builder}.
 */
public final class BayesianMlp extends ModuleBase implements TrainableModel {
  /** The kind of output. */
  public enum Task { CLASSIFICATION, REGRESSION }

  private final List<BayesianLinear> layers = new ArrayList<>();
  private final Task task;
  private final int outputs;
  private final long datasetSize;
  private final double fixedNoise;
  private final Tensor logNoise;
  private final String config;

  private BayesianMlp(Builder b, ParameterFactory p) {
    int width = b.inputs;
    int[] widths = b.hidden;
    for (int i = 0; i <= widths.length; i++) {
      int out = i < widths.length ? widths[i] : b.outputs;
      layers.add(registerModule(Integer.toString(i),
          new BayesianLinear(width, out, b.prior, b.localReparameterization, b.rhoInit, p)));
      width = out;
    }
    this.task = b.task;
    this.outputs = b.outputs;
    this.datasetSize = b.datasetSize;
    this.fixedNoise = b.learnNoise ? Double.NaN : b.noise;
    this.logNoise = b.task == Task.REGRESSION && b.learnNoise
        ? registerParameter("log_noise", p.create(Shape.of(b.outputs), Inits.constant(Math.log(b.noise))))
        : null;
    this.config = "task=" + task + " inputs=" + b.inputs + " hidden=" + Arrays.toString(widths)
        + " outputs=" + outputs + " prior=" + b.prior + " lrt=" + b.localReparameterization + " N=" + datasetSize
        + (task == Task.REGRESSION ? " noise=" + b.noise + (b.learnNoise ? " (learned)" : "") : "");
  }

  /** A builder for {@code inputs -> outputs} over a training set of {@code datasetSize} examples. */
  public static Builder builder(Task task, int inputs, int outputs, long datasetSize) {
    return new Builder(task, inputs, outputs, datasetSize);
  }

  /** The task. */
  public Task task() {
    return task;
  }

  /** The layers, input side first. */
  public List<BayesianLinear> layers() {
    return List.copyOf(layers);
  }

  /** One draw of the network: outputs {@code (N, outputs)} and the summed KL of all layers (a scalar). */
  public BayesianLinear.Output forward(Tensor x, RandomStream rng) {
    Tensor h = x;
    Tensor kl = null;
    for (int i = 0; i < layers.size(); i++) {
      BayesianLinear.Output o = layers.get(i).forward(h, rng);
      kl = kl == null ? o.kl() : kl.add(o.kl());
      h = i + 1 < layers.size() ? o.activations().relu() : o.activations();
    }
    return new BayesianLinear.Output(h, kl);
  }

  /** The regression noise scale per output {@code (outputs)}: fixed or {@code exp(log_noise)}. */
  public Tensor noiseScale(Tensor like) {
    if (task != Task.REGRESSION) {
      throw new IllegalStateException("BayesianMlp.noiseScale: a classification network has no noise scale");
    }
    return logNoise != null ? logNoise.exp() : like.factory().full(Shape.of(outputs), fixedNoise, like.dtype());
  }

  /**
   * The negative log-likelihood of {@code target} per example, {@code (N)}: cross-entropy against INT32
   * labels {@code (N)} for classification, Gaussian against {@code (N, outputs)} targets for regression.
   */
  public Tensor negativeLogLikelihood(Tensor output, Tensor target) {
    if (task == Task.CLASSIFICATION) {
      return output.logSoftmax(1).gather(1, target.reshape(-1, 1)).reshape(-1).neg();
    }
    if (!target.shape().equals(output.shape())) {
      throw new IllegalArgumentException("BayesianMlp: regression targets " + target.shape()
          + " must match outputs " + output.shape());
    }
    Tensor sigma = noiseScale(output);
    Tensor z = target.sub(output).div(sigma);
    return z.square().mul(0.5).add(sigma.log()).add(0.5 * Math.log(2 * Math.PI)).sum(1);
  }

  /** The minibatch loss: mean NLL of one weight draw plus KL / N. */
  public Tensor loss(Tensor x, Tensor target, RandomStream rng) {
    BayesianLinear.Output o = forward(x, rng);
    return BayesByBackprop.loss(negativeLogLikelihood(o.activations(), target).mean(), o.kl(), datasetSize);
  }

  /**
   * The trainer's entry point. Classification reads the batch's labels. A {@link Batch} holds only INT32
   * labels, so for regression the batch's inputs are {@code (N, inputs + outputs)}: the features followed
   * by the targets.
   */
  @Override
  public Tensor loss(Batch batch, RandomStream rng) {
    Tensor in = batch.inputs();
    if (task == Task.CLASSIFICATION) {
      if (!batch.hasLabels()) {
        throw new IllegalArgumentException("BayesianMlp: classification needs a batch with labels");
      }
      return loss(in, batch.labels(), rng);
    }
    int features = in.dim(1) - outputs;
    return loss(in.slice(1, 0, features), in.slice(1, features, in.dim(1)), rng);
  }

  /**
   * Regression predictions from {@code samples} weight draws, without gradients: the predictive mean, the
   * epistemic standard deviation (spread of the sampled means) and the total one (with the noise).
   */
  public RegressionPrediction predictRegression(Tensor x, int samples, RandomStream rng) {
    if (task != Task.REGRESSION) {
      throw new IllegalStateException("BayesianMlp.predictRegression: this network classifies");
    }
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor draws = draws(x, samples, rng);
      Tensor mean = draws.mean(0);
      Tensor epistemicVar = draws.sub(mean).square().mean(0);
      Tensor totalStd = epistemicVar.add(noiseScale(x).square()).sqrt();
      return new RegressionPrediction(mean, epistemicVar.sqrt(), totalStd);
    }
  }

  /**
   * Class predictions from {@code samples} weight draws, without gradients: the mean of the sampled
   * softmax probabilities {@code (N, K)} and its entropy {@code (N)} in nats.
   */
  public ClassPrediction predictClasses(Tensor x, int samples, RandomStream rng) {
    if (task != Task.CLASSIFICATION) {
      throw new IllegalStateException("BayesianMlp.predictClasses: this network regresses");
    }
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor probs = draws(x, samples, rng).softmax(2).mean(0);
      Tensor tiny = probs.factory().scalar(1e-30, probs.dtype());
      Tensor entropy = probs.mul(probs.maximum(tiny).log()).sum(1).neg();
      return new ClassPrediction(probs, entropy);
    }
  }

  private Tensor draws(Tensor x, int samples, RandomStream rng) {
    if (samples < 1) {
      throw new IllegalArgumentException("BayesianMlp: samples must be >= 1, got " + samples);
    }
    List<Tensor> outs = new ArrayList<>(samples);
    for (int s = 0; s < samples; s++) {
      outs.add(forward(x, rng).activations());
    }
    return Tensors.stack(outs, 0);
  }

  @Override
  public String modelName() {
    return task == Task.CLASSIFICATION ? "bnn-classifier" : "bnn-regression";
  }

  @Override
  public String modelConfig() {
    return config;
  }

  /** Predictive moments of a regression network, each {@code (N, outputs)}. */
  public record RegressionPrediction(Tensor mean, Tensor epistemicStd, Tensor totalStd) {
  }

  /** Predictive class probabilities {@code (N, K)} and their entropy {@code (N)}. */
  public record ClassPrediction(Tensor probabilities, Tensor entropy) {
  }

  /** Configuration of a {@link BayesianMlp}; defaults: no hidden layer, N(0, 1) prior, rho -5, noise 0.1. */
  public static final class Builder {
    private final Task task;
    private final int inputs;
    private final int outputs;
    private final long datasetSize;
    private int[] hidden = {};
    private WeightPrior prior = WeightPrior.normal(1.0);
    private boolean localReparameterization;
    private double rhoInit = -5.0;
    private double noise = 0.1;
    private boolean learnNoise;

    private Builder(Task task, int inputs, int outputs, long datasetSize) {
      if (inputs < 1 || outputs < 1 || datasetSize < 1) {
        throw new IllegalArgumentException("BayesianMlp: inputs, outputs and datasetSize must be >= 1, got "
            + inputs + ", " + outputs + " and " + datasetSize);
      }
      if (task == Task.CLASSIFICATION && outputs < 2) {
        throw new IllegalArgumentException("BayesianMlp: classification needs >= 2 classes, got " + outputs);
      }
      this.task = task;
      this.inputs = inputs;
      this.outputs = outputs;
      this.datasetSize = datasetSize;
    }

    /** Hidden layer widths, input side first. */
    public Builder hidden(int... widths) {
      this.hidden = widths.clone();
      return this;
    }

    /** The weight prior. */
    public Builder prior(WeightPrior p) {
      this.prior = p;
      return this;
    }

    /** Turns the local reparameterization trick on or off (off by default). */
    public Builder localReparameterization(boolean on) {
      this.localReparameterization = on;
      return this;
    }

    /** Initial rho of every posterior scale. */
    public Builder rhoInit(double rho) {
      this.rhoInit = rho;
      return this;
    }

    /** Regression noise scale, fixed ({@code learned == false}) or the start of a learned one. */
    public Builder noise(double scale, boolean learned) {
      if (!(scale > 0)) {
        throw new IllegalArgumentException("BayesianMlp: noise scale must be positive, got " + scale);
      }
      this.noise = scale;
      this.learnNoise = learned;
      return this;
    }

    /** Makes the network's parameters with {@code p}. */
    public BayesianMlp build(ParameterFactory p) {
      return new BayesianMlp(this, p);
    }
  }
}
