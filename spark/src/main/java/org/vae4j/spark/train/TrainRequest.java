package org.vae4j.spark.train;

import java.nio.file.Path;

/**
 * A distributed training run as asked for: what {@code vae4j train} takes (same defaults), plus the number
 * of workers and the ring's settings. Set with the fluent methods; not thread-safe.
 */
public final class TrainRequest {
  String kind = "vae";
  String data = "mnist-10k";
  Path out;
  int epochs = 10;
  int batch = 128;
  int latent = 20;
  int[] hidden = {400};
  double lr = 1e-3;
  long seed = 42;
  boolean binarize;
  int limit;
  Path parent;
  String backend;
  String device;
  int workers = 2;
  int ringPort;
  int ringTimeoutSeconds = 120;
  long checkpointEvery;
  int logLikelihoodImages = -1;
  long failAtStep = -1;

  /** The model ({@code vae}, {@code cvae}, ...) on {@code workers} workers. */
  public TrainRequest(String kind, int workers) {
    this.kind = kind;
    this.workers = workers;
  }

  /** The run folder (null: a new one under {@code runs/}); on storage that every executor can write. */
  public TrainRequest out(Path folder) {
    this.out = folder;
    return this;
  }

  /** The {@code --data} value: {@code mnist-10k}, {@code fashion-mnist}, or an IDX folder every executor reads. */
  public TrainRequest data(String spec) {
    this.data = spec;
    return this;
  }

  /** Total epochs. */
  public TrainRequest epochs(int n) {
    this.epochs = n;
    return this;
  }

  /** The global batch B, split into B / workers per worker. */
  public TrainRequest batch(int b) {
    this.batch = b;
    return this;
  }

  /** Latent dimensions. */
  public TrainRequest latent(int n) {
    this.latent = n;
    return this;
  }

  /** Hidden widths. */
  public TrainRequest hidden(int... widths) {
    this.hidden = widths.clone();
    return this;
  }

  /** Adam's learning rate. */
  public TrainRequest lr(double rate) {
    this.lr = rate;
    return this;
  }

  /** The run's seed. */
  public TrainRequest seed(long s) {
    this.seed = s;
    return this;
  }

  /** Dynamic binarisation. */
  public TrainRequest binarize(boolean on) {
    this.binarize = on;
    return this;
  }

  /** Images per part (0: all). */
  public TrainRequest limit(int n) {
    this.limit = n;
    return this;
  }

  /** For {@code pixelcnn}: the VQ-VAE's run folder. */
  public TrainRequest parent(Path vqvaeRun) {
    this.parent = vqvaeRun;
    return this;
  }

  /** The executors' backend and device (null: their defaults). */
  public TrainRequest backend(String name, String deviceName) {
    this.backend = name;
    this.device = deviceName;
    return this;
  }

  /** The ring's base port (rank r listens on base + r; 0: any free port) and read timeout. */
  public TrainRequest ring(int basePort, int timeoutSeconds) {
    this.ringPort = basePort;
    this.ringTimeoutSeconds = timeoutSeconds;
    return this;
  }

  /** Steps between checkpoints (0: after every epoch). */
  public TrainRequest checkpointEvery(long steps) {
    this.checkpointEvery = steps;
    return this;
  }

  /** Test images of the final log-likelihood estimate (-1: the model's default, 0: none). */
  public TrainRequest logLikelihoodImages(int n) {
    this.logLikelihoodImages = n;
    return this;
  }

  /** For tests: the last worker fails once, in the stage's first attempt, at this step (-1: never). */
  public TrainRequest failAtStep(long step) {
    this.failAtStep = step;
    return this;
  }
}
