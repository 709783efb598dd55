package org.vae4j.core.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Functions;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.random.RandomTensors;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.TrainableModel;

/**
 * A two-layer perceptron for two classes, built from tensors and {@link Functions#linear}, that jitters
 * its inputs with noise from the trainer's stream (so the stream matters for an exact resume). It records
 * what the trainer does to it, and can be told to return a non-finite loss at one training call.
 */
final class TinyClassifier implements TrainableModel {
  private final Map<String, Tensor> params = new LinkedHashMap<>();
  final List<Tensor> returnedLosses = new ArrayList<>();
  int trainingCalls;
  int poisonCall = -1;
  double poison = Double.NaN;
  /** When true, the poisoned call keeps a finite loss but gets an infinite gradient instead. */
  boolean poisonGradient;
  boolean evaluatedInTrainingMode;
  boolean evaluatedWhileRecording;
  private boolean training = true;

  TinyClassifier(TensorFactory f, long seed) {
    PhiloxStream rng = PhiloxStream.seeded(seed);
    params.put("fc1.weight", parameter(f, rng, 8, 2));
    params.put("fc1.bias", f.zeros(Shape.of(8), DType.FLOAT32).requireGrad());
    params.put("fc2.weight", parameter(f, rng, 2, 8));
    params.put("fc2.bias", f.zeros(Shape.of(2), DType.FLOAT32).requireGrad());
  }

  private static Tensor parameter(TensorFactory f, PhiloxStream rng, int rows, int cols) {
    double[] v = rng.normalDoubles(rows * cols);
    for (int i = 0; i < v.length; i++) {
      v[i] *= 0.5;
    }
    return f.of(v, Shape.of(rows, cols), DType.FLOAT32).requireGrad();
  }

  /** n examples in two dimensions, labelled 1 where x0 + 0.5 x1 > 0. */
  static Dataset data(int n, long seed) {
    PhiloxStream rng = PhiloxStream.seeded(seed);
    double[] x = rng.normalDoubles(2 * n);
    float[] features = new float[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      features[2 * i] = (float) x[2 * i];
      features[2 * i + 1] = (float) x[2 * i + 1];
      labels[i] = x[2 * i] + 0.5 * x[2 * i + 1] > 0 ? 1 : 0;
    }
    return Dataset.of(features, Shape.of(2), labels);
  }

  @Override
  public Map<String, Tensor> namedParameters() {
    return params;
  }

  @Override
  public void train(boolean training) {
    this.training = training;
  }

  @Override
  public Tensor loss(Batch batch, RandomStream rng) {
    trainingCalls++;
    Tensor loss = crossEntropy(batch, rng);
    if (trainingCalls == poisonCall && poisonGradient) {
      Tensor bias = params.get("fc2.bias");
      loss = loss.add(bias.sub(bias.detach()).sqrt().sum()); // adds 0; d sqrt(x)/dx at 0 is infinite
    } else if (trainingCalls == poisonCall) {
      loss = loss.mul(poison);
    }
    returnedLosses.add(loss);
    return loss;
  }

  @Override
  public Tensor evaluationLoss(Batch batch, RandomStream rng) {
    evaluatedInTrainingMode |= training;
    evaluatedWhileRecording |= NoGrad.isRecording();
    return crossEntropy(batch, rng);
  }

  private Tensor crossEntropy(Batch batch, RandomStream rng) {
    Tensor x = batch.inputs();
    Tensor noisy = x.add(RandomTensors.normal(x.factory(), rng, x.shape(), x.dtype()).mul(0.05));
    Tensor hidden = Functions.linear(noisy, params.get("fc1.weight"), params.get("fc1.bias")).tanh();
    Tensor logits = Functions.linear(hidden, params.get("fc2.weight"), params.get("fc2.bias"));
    return Functions.crossEntropy(logits, batch.labels());
  }

  @Override
  public String modelName() {
    return "tiny-classifier";
  }

  @Override
  public String modelConfig() {
    return "in=2 hidden=8 classes=2";
  }
}
