package org.vae4j.serve.model;

import java.util.Set;
import org.vae4j.api.Shape;

/**
 * A trained model as the service sees it: what it is, the shape of its inputs, and the {@link Operation}s it
 * has, each on host arrays. One adapter per kind of model turns its own API into these
 * ({@link ServedModels} makes them); an operation the model lacks throws {@link UnsupportedOperation}.
 *
 * <p><b>Threads.</b> The service calls the operations from several worker threads at once, each inside its
 * own open {@code Scope} and {@code NoGrad} block, so tensors made inside are confined to the calling thread
 * and closed when its request ends. The model's weights are shared and only read. Implementations must
 * therefore keep no mutable state of their own and must not change the model's (training mode, caches).
 *
 * <p><b>Inputs.</b> Images are rows of {@code rows * cols} grey levels in [0, 1] (the data shape flattened,
 * row-major); labels are given for every row of a {@link #conditional()} model and are null otherwise. The
 * service validates sizes and ranges before calling; what an adapter still refuses it reports with
 * {@link IllegalArgumentException}.
 */
public interface ServedModel {

  /** The kind of model, as {@code vae4j train} names it: {@code vae}, {@code cvae}, {@code vqvae}, ... */
  String kind();

  /** The model in a few words, e.g. {@code vae 784-400-20}. */
  String description();

  /** The shape of one input example, e.g. {@code (784)} or {@code (1, 28, 28)}. */
  Shape inputShape();

  /** Image height in pixels (the page draws and shows images of {@code rows x cols}). */
  int rows();

  /** Image width in pixels. */
  int cols();

  /** What this model can do. */
  Set<Operation> operations();

  /** The latent code's form: continuous dimensions or discrete positions (see {@link LatentSpace}). */
  LatentSpace latent();

  /** Classes of the labels the model is conditioned on, or that it predicts; 0 when it has none. */
  int classes();

  /** True when every row must come with a label in {@code [0, classes())}. */
  boolean conditional();

  /** The backend the model computes on, e.g. {@code pure}. */
  String backendName();

  /** Latent codes of {@code images}. */
  default Encoding encode(Rows images) {
    throw UnsupportedOperation.of(this, Operation.ENCODE);
  }

  /**
   * Decoded images (means of p(x|z)) of latent codes: rows of {@code latent().size()} values, real for a
   * continuous latent and whole code indices for a discrete one.
   */
  default Rows decode(Rows latents) {
    throw UnsupportedOperation.of(this, Operation.DECODE);
  }

  /** {@code n} images decoded from prior draws of a stream seeded with {@code seed}; labels null or n long. */
  default Rows sample(int n, long seed, int[] labels) {
    throw UnsupportedOperation.of(this, Operation.SAMPLE);
  }

  /** Decoded images of the latent means of {@code images}. */
  default Rows reconstruct(Rows images) {
    throw UnsupportedOperation.of(this, Operation.RECONSTRUCT);
  }

  /** Anomaly scores of {@code images} with {@code k} importance samples, noise from a stream of {@code seed}. */
  default Scores score(Rows images, int k, long seed) {
    throw UnsupportedOperation.of(this, Operation.SCORE);
  }

  /**
   * {@code steps} images decoded along the line between the latent means of two images (one row each),
   * both ends included; {@code label} for a conditional model, else ignored.
   */
  default Rows interpolate(float[] from, float[] to, int steps, int label) {
    throw UnsupportedOperation.of(this, Operation.INTERPOLATE);
  }

  /** The predictive distribution of {@code inputs} from {@code samples} weight draws of a stream of {@code seed}. */
  default Prediction predict(Rows inputs, int samples, long seed) {
    throw UnsupportedOperation.of(this, Operation.PREDICT);
  }
}
