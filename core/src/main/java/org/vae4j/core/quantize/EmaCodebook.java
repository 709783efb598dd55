package org.vae4j.core.quantize;

import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;

/**
 * The exponential-moving-average codebook update (van den Oord et al. 2017, appendix A.1): per code, a
 * moving average of the number of assigned vectors ({@code clusterSize}, shape {@code (K)}) and of their
 * sum ({@code embedSum}, {@code (K, D)}); the code is their ratio, with Laplace smoothing of the counts.
 *
 * <p>The state tensors are made outside every scope and updated with {@code assign}, so a step scope
 * never closes them; {@link #close()} does. Not thread-safe.
 */
final class EmaCodebook implements AutoCloseable {
  private final double decay;
  private final double eps;
  private final Tensor clusterSize;
  private final Tensor embedSum;

  /** Starts from the codebook itself with a count of 1 per code. */
  EmaCodebook(Tensor codebook, double decay, double eps) {
    this.decay = decay;
    this.eps = eps;
    this.clusterSize = codebook.factory().ones(Shape.of(codebook.dim(0)), codebook.dtype());
    this.embedSum = codebook.factory().of(codebook.toDoubleArray(), codebook.shape(), codebook.dtype());
    Scope.release(clusterSize);
    Scope.release(embedSum);
  }

  Tensor clusterSize() {
    return clusterSize;
  }

  Tensor embedSum() {
    return embedSum;
  }

  /**
   * Folds one batch into the averages and writes the new codes into {@code codebook}: {@code oneHot}
   * {@code (M, K)} assignments of the flat encoder outputs {@code flat (M, D)}.
   */
  void update(Tensor codebook, Tensor oneHot, Tensor flat) {
    try (NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      fold(codebook, oneHot.sum(0), batchSums(oneHot, flat));
    }
  }

  /** The per-code sums {@code (K, D)} of one batch's flat encoder outputs. */
  static Tensor batchSums(Tensor oneHot, Tensor flat) {
    try (NoGrad ignored = NoGrad.enter()) {
      return oneHot.transpose(0, 1).matmul(flat.detach());
    }
  }

  /** Folds a batch's code {@code counts (K)} and per-code {@code sums (K, D)} into the averages. */
  void fold(Tensor codebook, Tensor counts, Tensor sums) {
    try (NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      clusterSize.assign(clusterSize.mul(decay).add(counts.mul(1.0 - decay)));
      embedSum.assign(embedSum.mul(decay).add(sums.mul(1.0 - decay)));
      Tensor n = clusterSize.sum();
      int k = clusterSize.dim(0);
      Tensor smoothed = clusterSize.add(eps).div(n.add(k * eps)).mul(n);
      codebook.assign(embedSum.div(smoothed.unsqueeze(1)));
    }
  }

  /** Restarts the given codes at the given rows {@code (D)}: a count of 1 and a sum equal to the row. */
  void restart(int[] codes, double[][] rows) {
    try (Scope s = Scope.open()) {
      double[] counts = clusterSize.toDoubleArray();
      double[] sums = embedSum.toDoubleArray();
      int d = embedSum.dim(1);
      for (int i = 0; i < codes.length; i++) {
        counts[codes[i]] = 1.0;
        System.arraycopy(rows[i], 0, sums, codes[i] * d, d);
      }
      clusterSize.assign(clusterSize.factory().of(counts, clusterSize.shape(), clusterSize.dtype()));
      embedSum.assign(embedSum.factory().of(sums, embedSum.shape(), embedSum.dtype()));
    }
  }

  @Override
  public void close() {
    clusterSize.close();
    embedSum.close();
  }
}
