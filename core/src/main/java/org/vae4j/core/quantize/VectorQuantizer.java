package org.vae4j.core.quantize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.api.DType;
import org.vae4j.api.Module;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Functions;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;

/**
 * The vector-quantization bottleneck of VQ-VAE (van den Oord et al. 2017) with a codebook of K codes of
 * dimension D (the parameter {@code codebook}, shape {@code (K, D)}).
 *
 * <p>{@link #forward} takes encoder outputs {@code z} of shape {@code (N, D)} or channels-last
 * {@code (..., D)}, picks for each vector the code nearest in squared distance
 * ({@code ||z||^2 - 2 z e^T + ||e||^2}, argmin), and returns the quantized tensor with the straight-through
 * gradient {@code z + (q - z).detach()}, the codebook loss {@code mean ||sg[z] - e||^2} (reaches only the
 * codebook), the commitment loss {@code beta mean ||z - sg[e]||^2} (reaches only the encoder), and the
 * perplexity and usage of the codes in the batch.
 *
 * <p>With {@link Builder#ema} the codebook is instead updated, in training mode, by exponential moving
 * averages ({@link EmaCodebook}); it then does not require a gradient and the codebook loss is zero. With
 * {@link Builder#restartDeadCodes} a code unused for that many training steps is moved onto a random
 * encoder output of the current batch. State tensors live outside all scopes and are updated with
 * {@code assign}; {@link #close()} frees them. Not thread-safe.
 */
public final class VectorQuantizer implements Module {
  private final Tensor codebook;
  private final double beta;
  private final EmaCodebook ema;
  private final int deadAfter;
  private final RandomStream rng;
  private final int[] idleSteps;
  private boolean training = true;

  /**
   * One forward pass. Shapes: {@code quantized} as z; {@code indices} INT32 of z's shape without its last
   * axis; the losses are scalars ({@code codebookLoss} is zero with EMA); {@code loss} is their sum.
   *
   * @param perplexity {@code exp(-sum_k p_k log p_k)} of the batch's code frequencies p
   * @param usedCodes  how many codes the batch used
   */
  public record Result(Tensor quantized, Tensor indices, Tensor codebookLoss, Tensor commitmentLoss,
      double perplexity, int usedCodes, int numCodes) {
    /** {@code codebookLoss + commitmentLoss}: add it to the reconstruction loss. */
    public Tensor loss() {
      return codebookLoss.add(commitmentLoss);
    }

    /** {@code usedCodes / K}. */
    public double usedFraction() {
      return usedCodes / (double) numCodes;
    }
  }

  private VectorQuantizer(Builder b) {
    this.beta = b.beta;
    this.deadAfter = b.deadAfter;
    this.rng = b.rng;
    this.idleSteps = new int[b.numCodes];
    double[] init = b.rng.uniformDoubles(b.numCodes * b.dim);
    double bound = 1.0 / b.numCodes;
    for (int i = 0; i < init.length; i++) {
      init[i] = (2 * init[i] - 1) * bound;
    }
    this.codebook = b.factory.of(init, Shape.of(b.numCodes, b.dim), b.dtype);
    Scope.release(codebook);
    if (b.ema) {
      this.ema = new EmaCodebook(codebook, b.decay, b.eps);
    } else {
      this.ema = null;
      codebook.requireGrad();
    }
  }

  /**
   * A builder for K codes of dimension D: codes initialised uniform in {@code [-1/K, 1/K]} from
   * {@code rng} (which also draws restarts), beta 0.25, codebook trained by its loss.
   */
  public static Builder builder(TensorFactory factory, DType dtype, int numCodes, int dim, RandomStream rng) {
    return new Builder(factory, dtype, numCodes, dim, rng);
  }

  /** The codebook {@code (K, D)}. */
  public Tensor codebook() {
    return codebook;
  }

  /** K. */
  public int numCodes() {
    return codebook.dim(0);
  }

  /** True when the codebook is updated by moving averages. */
  public boolean isEma() {
    return ema != null;
  }

  /**
   * Replaces the codes with {@code codes (K, D)} (copied) and, with EMA, restarts the averages from them
   * (a count of 1 per code), so the next update starts from these codes. Use this rather than assigning
   * {@link #codebook()} directly, which would leave the EMA state describing the old codes.
   */
  public void loadCodebook(Tensor codes) {
    if (!codes.shape().equals(codebook.shape())) {
      throw new IllegalArgumentException("VectorQuantizer.loadCodebook: codes of shape " + codes.shape()
          + " do not match the codebook " + codebook.shape());
    }
    try (NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      codebook.assign(codes.cast(codebook.dtype()).detach());
    }
    if (ema != null) {
      int[] all = new int[numCodes()];
      double[][] rows = new double[all.length][];
      double[] book = codebook.toDoubleArray();
      int d = codebook.dim(1);
      for (int k = 0; k < all.length; k++) {
        all[k] = k;
        rows[k] = Arrays.copyOfRange(book, k * d, (k + 1) * d);
      }
      ema.restart(all, rows);
    }
  }

  /** The code {@code (..., D)} of each index {@code (...)}: for decoding samples of a prior. */
  public Tensor lookup(Tensor indices) {
    return Functions.embedding(codebook, indices);
  }

  /**
   * Quantizes {@code z (..., D)}. In training mode also updates the EMA codebook and restarts dead codes
   * (both without recording gradients).
   *
   * @throws IllegalArgumentException when z's last axis is not D
   */
  public Result forward(Tensor z) {
    int d = codebook.dim(1);
    if (z.rank() < 1 || z.dim(-1) != d) {
      throw new IllegalArgumentException("VectorQuantizer: input of shape " + z.shape() + " must end with the code"
          + " dimension " + d + " (channels-last; permute NCHW to NHWC first)");
    }
    Tensor flat = z.reshape(-1, d);
    int m = flat.dim(0);
    int k = numCodes();
    Tensor indices;
    Tensor oneHot;
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor zd = flat.detach();
      Tensor distances = zd.square().sum(new int[] {1}, true).sub(zd.matmul(codebook.transpose(0, 1)).mul(2.0))
          .add(codebook.square().sum(1).unsqueeze(0));
      indices = distances.argmin(1);
      oneHot = Functions.oneHot(indices, k, z.dtype());
    }
    double[] counts;
    try (NoGrad ignored = NoGrad.enter()) {
      counts = oneHot.sum(0).toDoubleArray();
    }
    Tensor q = Functions.embedding(codebook, indices).reshape(z.shape());
    if (training && ema != null) {
      ema.update(codebook, oneHot, flat);
    }
    Tensor quantized = Functions.straightThrough(z, q);
    Tensor commitment = z.sub(q.detach()).square().mean().mul(beta);
    Tensor codebookLoss = ema == null ? q.sub(z.detach()).square().mean() : z.factory().scalar(0.0, z.dtype());
    Result r = new Result(quantized, indices.reshape(z.shape().dropLast(1)), codebookLoss, commitment,
        perplexity(counts, m), used(counts), k);
    if (training && deadAfter > 0) {
      restartDead(counts, flat);
    }
    return r;
  }

  private static double perplexity(double[] counts, int m) {
    double h = 0;
    for (double c : counts) {
      double p = c / m;
      if (p > 0) {
        h -= p * Math.log(p);
      }
    }
    return Math.exp(h);
  }

  private static int used(double[] counts) {
    int n = 0;
    for (double c : counts) {
      n += c > 0 ? 1 : 0;
    }
    return n;
  }

  /** Counts idle steps per code and moves codes idle for {@code deadAfter} steps onto batch vectors. */
  private void restartDead(double[] counts, Tensor flat) {
    List<Integer> dead = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      idleSteps[i] = counts[i] > 0 ? 0 : idleSteps[i] + 1;
      if (idleSteps[i] >= deadAfter) {
        dead.add(i);
      }
    }
    if (dead.isEmpty()) {
      return;
    }
    int d = codebook.dim(1);
    int m = flat.dim(0);
    double[] z = flat.toDoubleArray();
    double[] book = codebook.toDoubleArray();
    int[] codes = new int[dead.size()];
    double[][] rows = new double[dead.size()][];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = dead.get(i);
      int src = rng.nextInt(m);
      rows[i] = Arrays.copyOfRange(z, src * d, (src + 1) * d);
      System.arraycopy(rows[i], 0, book, codes[i] * d, d);
      idleSteps[codes[i]] = 0;
    }
    try (NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      codebook.assign(codebook.factory().of(book, codebook.shape(), codebook.dtype()));
    }
    if (ema != null) {
      ema.restart(codes, rows);
    }
  }

  /** The codebook, when it is trained by gradients; empty with the EMA update (then it is a buffer). */
  @Override
  public Map<String, Tensor> namedParameters() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    if (ema == null) {
      m.put("codebook", codebook);
    }
    return m;
  }

  /**
   * With the EMA update, the codebook and the EMA state ({@code codebook}, {@code ema.clusterSize},
   * {@code ema.embedSum}), for checkpoints; empty without EMA. These tensors never receive gradients.
   */
  @Override
  public Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    if (ema != null) {
      m.put("codebook", codebook);
      m.put("ema.clusterSize", ema.clusterSize());
      m.put("ema.embedSum", ema.embedSum());
    }
    return m;
  }

  @Override
  public void train(boolean on) {
    this.training = on;
  }

  @Override
  public void close() {
    codebook.close();
    if (ema != null) {
      ema.close();
    }
  }

  /** Settings of a {@link VectorQuantizer}. */
  public static final class Builder {
    private final TensorFactory factory;
    private final DType dtype;
    private final int numCodes;
    private final int dim;
    private final RandomStream rng;
    private double beta = 0.25;
    private boolean ema;
    private double decay = 0.99;
    private double eps = 1e-5;
    private int deadAfter;

    private Builder(TensorFactory factory, DType dtype, int numCodes, int dim, RandomStream rng) {
      if (numCodes < 1 || dim < 1 || !dtype.isFloatingPoint()) {
        throw new IllegalArgumentException("VectorQuantizer: need numCodes >= 1, dim >= 1 and a floating dtype, got "
            + numCodes + ", " + dim + ", " + dtype);
      }
      this.factory = factory;
      this.dtype = dtype;
      this.numCodes = numCodes;
      this.dim = dim;
      this.rng = rng;
    }

    /** The commitment weight (default 0.25). */
    public Builder beta(double b) {
      if (!(b >= 0) || Double.isInfinite(b)) {
        throw new IllegalArgumentException("VectorQuantizer: beta must be finite and >= 0, got " + b);
      }
      this.beta = b;
      return this;
    }

    /** Updates the codebook by moving averages with decay 0.99 and Laplace smoothing 1e-5. */
    public Builder ema() {
      return ema(0.99, 1e-5);
    }

    /** Updates the codebook by moving averages with the given decay in (0, 1) and smoothing eps > 0. */
    public Builder ema(double decayRate, double epsilon) {
      if (!(decayRate > 0 && decayRate < 1) || !(epsilon > 0)) {
        throw new IllegalArgumentException("VectorQuantizer: EMA decay must be in (0, 1) and eps > 0, got "
            + decayRate + " and " + epsilon);
      }
      this.ema = true;
      this.decay = decayRate;
      this.eps = epsilon;
      return this;
    }

    /** Restarts a code after it went unused for {@code steps} training steps (0 = never, the default). */
    public Builder restartDeadCodes(int steps) {
      if (steps < 0) {
        throw new IllegalArgumentException("VectorQuantizer: restartDeadCodes steps must be >= 0, got " + steps);
      }
      this.deadAfter = steps;
      return this;
    }

    public VectorQuantizer build() {
      return new VectorQuantizer(this);
    }
  }
}
