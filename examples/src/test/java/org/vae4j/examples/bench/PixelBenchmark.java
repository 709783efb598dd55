package org.vae4j.examples.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.spi.BackendProvider;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.Backends;
import org.vae4j.core.Functions;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.distributions.Validation;
import org.vae4j.core.nn.LstmCell;
import org.vae4j.core.nn.LstmStep;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.random.RandomTensors;
import org.vae4j.core.train.Batch;
import org.vae4j.examples.data.Datasets;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.models.pixel.GatedPixelCnn;
import org.vae4j.models.pixel.GatedPixelCnnConfig;
import org.vae4j.models.pixel.PixelLevels;
import org.vae4j.models.pixel.PixelModel;
import org.vae4j.models.pixel.PixelRnn;
import org.vae4j.models.pixel.PixelRnnConfig;

/**
 * Speed of the pixel models at their command-line default sizes on every backend in one process, so the
 * figures compare as ratios: training images per second (Adam steps on batches of 32 binarised MNIST digits),
 * and sampling: 28x28 images per second drawn by the cached sampler, against the naive sampler that runs the
 * whole network for every pixel (timed on the first row and scaled to 784 pixels, since each of its pixels
 * costs the same). Then, per backend, one LSTM-cell step of the Row LSTM sampler's size for the 100 images of
 * {@code samples.png} (96 inputs, 16 units) under NoGrad through {@code LstmStep.apply} (the fused kernel where
 * the backend announces {@code FUSED_LSTM_CELL}) against core's composition of it: the medians of 7 alternating
 * rounds of half a second each. Not a unit test; run:
 *
 * <pre>{@code
 * mvn -B -q -pl examples -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
 *     -Dmdep.includeScope=test
 * OMP_WAIT_POLICY=PASSIVE java --add-modules jdk.incubator.vector \
 *     -cp examples/target/test-classes:examples/target/classes:$(cat examples/target/bench.cp) \
 *     org.vae4j.examples.bench.PixelBenchmark [backends, e.g. pure,djl] [models, e.g. pixelcnn,pixelrnn-row]
 * }</pre>
 */
public final class PixelBenchmark {
  private static final int BATCH = 32;
  private static final int TRAIN_STEPS = 5;
  private static final int SAMPLES = 16;

  private PixelBenchmark() {
  }

  public static void main(String[] args) {
    List<String> backends = new ArrayList<>();
    for (BackendProvider p : Backends.providers()) {
      backends.add(p.name());
    }
    if (args.length > 0) {
      backends = Arrays.asList(args[0].split(","));
    }
    List<String> kinds = args.length > 1 ? Arrays.asList(args[1].split(",")) : List.of("pixelcnn", "row",
        "diagonal");
    Validation.setEnabled(false);
    ImageDataset digits = new Datasets().load(Datasets.MNIST_10K).train().head(BATCH * (TRAIN_STEPS + 1))
        .binarized(1);
    System.out.printf("%-8s %-16s %14s %16s %16s %8s%n", "backend", "model", "train img/s", "cached samples/s",
        "naive samples/s", "ratio");
    for (String backend : backends) {
      TensorFactory f = Tensors.on(Backends.get(backend).kernels(Device.CPU));
      for (String kind : kinds) {
        System.out.println(row(backend, kind, f, digits));
      }
    }
    System.out.printf("%n%-8s %18s %18s %8s%n", "backend", "LstmStep.apply us", "composition us", "fused");
    for (String backend : backends) {
      System.out.println(cellStep(Backends.get(backend).kernels(Device.CPU)));
    }
  }

  /** Microseconds per LSTM-cell step: {@code LstmStep.apply} (fused where announced) and the composition. */
  private static String cellStep(Kernels kernels) {
    TensorFactory f = Tensors.on(kernels);
    PhiloxStream rng = PhiloxStream.seeded(4);
    int n = 100;
    try (Scope s = Scope.open(); NoGrad ng = NoGrad.enter()) {
      Tensor x = RandomTensors.normal(f, rng, Shape.of(n, 96), DType.FLOAT32);
      Tensor h = RandomTensors.normal(f, rng, Shape.of(n, 16), DType.FLOAT32);
      Tensor c = RandomTensors.normal(f, rng, Shape.of(n, 16), DType.FLOAT32);
      Tensor wIh = RandomTensors.normal(f, rng, Shape.of(64, 96), DType.FLOAT32);
      Tensor wHh = RandomTensors.normal(f, rng, Shape.of(64, 16), DType.FLOAT32);
      Tensor bIh = RandomTensors.normal(f, rng, Shape.of(64), DType.FLOAT32);
      Tensor bHh = RandomTensors.normal(f, rng, Shape.of(64), DType.FLOAT32);
      LstmCell.State state = new LstmCell.State(h, c);
      int rounds = 7;
      double[] applied = new double[rounds];
      double[] composed = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        applied[r] = microsPerCall(() -> LstmStep.apply(x, state, wIh, wHh, bIh, bHh));
        composed[r] = microsPerCall(() -> LstmStep.fromGates(Functions.linear(x, wIh, bIh)
            .add(Functions.linear(h, wHh, bHh)), c));
      }
      Arrays.sort(applied);
      Arrays.sort(composed);
      return String.format(Locale.ROOT, "%-8s %18.1f %18.1f %8s", kernels.backendName(), applied[rounds / 2],
          composed[rounds / 2], kernels.capabilities().contains(Capability.FUSED_LSTM_CELL) ? "yes" : "no");
    }
  }

  private static double microsPerCall(java.util.function.Supplier<LstmCell.State> step) {
    int calls = 0;
    long start = System.nanoTime();
    long end = start + 500_000_000L;
    long now = start;
    while (now < end || calls < 20) {
      try (Scope s = Scope.open()) {
        step.get().h().toFloatArray();
      }
      calls++;
      now = System.nanoTime();
    }
    return (now - start) / 1e3 / calls;
  }

  /** The command line's default model of this kind for binarised 28x28 digits. */
  private static PixelModel create(String kind, ParameterFactory p) {
    return switch (kind) {
      case "pixelcnn" -> new GatedPixelCnn(GatedPixelCnnConfig.mnist(PixelLevels.BINARY), p);
      case "row" -> new PixelRnn(PixelRnnConfig.mnist(PixelLevels.BINARY, PixelRnnConfig.Arch.ROW_LSTM), p);
      case "diagonal" -> new PixelRnn(PixelRnnConfig.mnist(PixelLevels.BINARY, PixelRnnConfig.Arch.DIAGONAL_BILSTM),
          p);
      default -> throw new IllegalArgumentException("model " + kind + ": give pixelcnn, row or diagonal");
    };
  }

  private static String row(String backend, String kind, TensorFactory f, ImageDataset digits) {
    try (PixelModel model = create(kind, ParameterFactory.of(f, PhiloxStream.seeded(1)));
        Optimizer adam = Adam.builder(1e-3).build(model.namedParameters())) {
      double trainRate = trainingRate(model, adam, f, digits);
      long t0 = System.nanoTime();
      try (Scope s = Scope.open()) {
        model.sample(SAMPLES, null, PhiloxStream.seeded(2)).toFloatArray();
      }
      double cached = SAMPLES / ((System.nanoTime() - t0) / 1e9);
      double naive = naiveRate(model, f);
      return String.format(Locale.ROOT, "%-8s %-16s %14.1f %16.3f %16.4f %8.1f", backend, kind,
          trainRate, cached, naive, cached / naive);
    }
  }

  private static double trainingRate(PixelModel model, Optimizer adam, TensorFactory f, ImageDataset digits) {
    long start = 0;
    for (int step = 0; step <= TRAIN_STEPS; step++) {
      if (step == 1) {
        start = System.nanoTime(); // the first step warms up
      }
      try (Scope s = Scope.open()) {
        Tensor x = f.of(digits.slice(step * BATCH, (step + 1) * BATCH).images(), Shape.of(BATCH, 1, 28, 28));
        adam.zeroGrad();
        Tensor loss = model.loss(Batch.of(x, null), PhiloxStream.seeded(step));
        loss.backward();
        adam.step();
        loss.item();
      }
    }
    return TRAIN_STEPS * BATCH / ((System.nanoTime() - start) / 1e9);
  }

  /** The whole network per pixel, timed over the first row of {@link #SAMPLES} images, as images per second. */
  private static double naiveRate(PixelModel model, TensorFactory f) {
    float[] canvas = new float[SAMPLES * 784];
    PhiloxStream rng = PhiloxStream.seeded(2);
    long t0 = System.nanoTime();
    try (NoGrad ng = NoGrad.enter()) {
      for (int c = 0; c < 28; c++) {
        try (Scope s = Scope.open()) {
          Tensor logits = model.logits(f.of(canvas, Shape.of(SAMPLES, 1, 28, 28)).cast(DType.FLOAT32), null);
          float[] p = logits.slice(2, 0, 1).slice(3, c, c + 1).reshape(SAMPLES).sigmoid().toFloatArray();
          float[] u = rng.uniformFloats(SAMPLES);
          for (int i = 0; i < SAMPLES; i++) {
            canvas[i * 784 + c] = u[i] < p[i] ? 1f : 0f;
          }
        }
      }
    }
    double secondsPerImageSet = (System.nanoTime() - t0) / 1e9 * 28;
    return SAMPLES / secondsPerImageSet;
  }
}
