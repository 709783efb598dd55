package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.EpochReport;
import org.vae4j.core.train.NonFiniteLossException;
import org.vae4j.core.train.StepReport;
import org.vae4j.core.train.Trainer;
import org.vae4j.core.train.TrainerBuilder;
import org.vae4j.core.train.TrainingListener;
import org.vae4j.core.train.TrainingStart;
import org.vae4j.core.train.TrainingSummary;

/**
 * The training loop on a tiny classifier: learning, progress reports, evaluation, exact resume, non-finite
 * losses and memory. The training set has 40 examples in batches of 8: five steps per epoch.
 */
public abstract class TrainerContract extends BackendTestSupport {
  private static final Dataset TRAIN = TinyClassifier.data(40, 1);
  private static final Dataset TEST = TinyClassifier.data(24, 2);

  @TempDir
  Path dir;

  private TrainerBuilder trainer(TinyClassifier model, Optimizer optimizer, int epochs) {
    return Trainer.builder(model, optimizer).epochs(epochs).batchSize(8).seed(11).clipGradientNorm(5.0);
  }

  private static Optimizer adam(TinyClassifier model) {
    return Adam.builder(0.05).build(model.namedParameters());
  }

  @Test
  void learnsAndReportsProgress() {
    TinyClassifier model = new TinyClassifier(f(), 3);
    List<TrainingStart> starts = new ArrayList<>();
    List<StepReport> steps = new ArrayList<>();
    List<EpochReport> epochs = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onStart(TrainingStart start) {
        starts.add(start);
      }

      @Override
      public void onStep(StepReport step) {
        steps.add(step);
      }

      @Override
      public void onEpoch(EpochReport epoch) {
        epochs.add(epoch);
      }
    };
    TrainingSummary summary;
    try (Optimizer opt = adam(model)) {
      summary = trainer(model, opt, 12).testSet(TEST).testBatchSize(10).listener(listener).build().fit(TRAIN);
    }
    assertThat(starts).containsExactly(new TrainingStart(12, 5, 0, 0, 40));
    assertThat(steps).hasSize(60);
    assertThat(steps.get(59).step()).isEqualTo(60);
    assertThat(steps.get(4).examplesDone()).isEqualTo(40);
    assertThat(steps.get(4).batchInEpoch()).isEqualTo(4);
    assertThat(steps.get(7).epoch()).isEqualTo(1);
    assertThat(steps).allSatisfy(s -> assertThat(s.gradientNorm()).isPositive());
    assertThat(steps.get(0).learningRate()).isEqualTo(0.05);
    assertThat(epochs).hasSize(12);
    assertThat(epochs).allSatisfy(e -> {
      assertThat(e.testLoss()).isFinite();
      assertThat(e.examplesPerSecond()).isPositive();
    });
    double firstTest = epochs.get(0).testLoss();
    assertThat(summary.testLoss()).as("test loss after 12 epochs, from %s", firstTest).isLessThan(firstTest / 2);
    assertThat(summary.trainLoss()).isLessThan(epochs.get(0).trainLoss() / 2);
    assertThat(summary.steps()).isEqualTo(60);
    assertThat(summary.stopped()).isFalse();
    assertThat(model.evaluatedInTrainingMode).as("evaluation runs after train(false)").isFalse();
    assertThat(model.evaluatedWhileRecording).as("evaluation runs under NoGrad").isFalse();
    model.close();
  }

  @Test
  void resumingAfterEpochTwoEndsBitIdenticalToAnUninterruptedRun() {
    Path file = dir.resolve("run.safetensors");
    Map<String, long[]> uninterrupted = trainedBits(4, null, null, -1);
    TrainingSummary first = runOnce(2, file, null, -1);
    assertThat(first.steps()).isEqualTo(10);
    Map<String, long[]> resumed = trainedBits(4, null, file, -1);
    assertThat(resumed.keySet()).isEqualTo(uninterrupted.keySet());
    resumed.forEach((name, bits) -> assertThat(bits).as(name).containsExactly(uninterrupted.get(name)));
  }

  @Test
  void resumingFromTheMiddleOfAnEpochEndsBitIdenticalToAnUninterruptedRun() throws IOException {
    Path file = dir.resolve("mid.safetensors");
    Map<String, long[]> uninterrupted = trainedBits(3, null, null, -1);
    TrainingSummary stopped = runOnce(3, file, null, 7);
    assertThat(stopped.stopped()).isTrue();
    assertThat(stopped.steps()).isEqualTo(7);
    Checkpoint saved = Checkpoint.read(file);
    assertThat(saved.epoch()).isEqualTo(1);
    assertThat(saved.batchInEpoch()).isEqualTo(2);
    assertThat(saved.trainerTensor("order").shape().size()).isEqualTo(40);
    Map<String, long[]> resumed = trainedBits(3, null, file, -1);
    resumed.forEach((name, bits) -> assertThat(bits).as(name).containsExactly(uninterrupted.get(name)));
  }

  @Test
  void aNonFiniteLossStopsTheRunNamingTheStepAndKeepsTheLastCheckpoint() throws IOException {
    Path file = dir.resolve("nan.safetensors");
    TinyClassifier model = new TinyClassifier(f(), 3);
    model.poisonCall = 8;
    List<byte[]> written = new ArrayList<>();
    TrainingListener snapshot = new TrainingListener() {
      @Override
      public void onCheckpoint(Path checkpoint, long step) {
        try {
          written.add(Files.readAllBytes(checkpoint));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    try (Optimizer opt = adam(model)) {
      Trainer t = trainer(model, opt, 3).checkpoint(file, 2).listener(snapshot).build();
      assertThatThrownBy(() -> t.fit(TRAIN))
          .isInstanceOf(NonFiniteLossException.class)
          .hasMessage("training stopped at step 8 (epoch 2 of 3, batch 3 of 5): the loss is NaN. The last"
              + " checkpoint, " + file + ", holds step 6 (epoch 2 of 3, 1 of 5 batches done) and was left as it"
              + " was. Lower the learning rate, clip gradients (TrainerBuilder.clipGradientNorm) or skip"
              + " non-finite steps (TrainerBuilder.skipNonFinite)")
          .satisfies(e -> assertThat(((NonFiniteLossException) e).step()).isEqualTo(8))
          .satisfies(e -> assertThat(((NonFiniteLossException) e).skippable()).isTrue());
    }
    assertThat(written).hasSize(3);
    assertThat(Files.readAllBytes(file)).as("the checkpoint of step 6").isEqualTo(written.get(2));
    assertThat(Checkpoint.read(file).step()).isEqualTo(6);
    model.close();
  }

  @Test
  void anUpdateThatOverflowsTheParametersIsNeverCheckpointed() {
    Path file = dir.resolve("overflow.safetensors");
    TinyClassifier model = new TinyClassifier(f(), 3);
    try (Optimizer opt = adam(model)) {
      Trainer t = trainer(model, opt, 1).checkpoint(file, 1).listener(overflowAfterStep(model, 1)).build();
      assertThatThrownBy(() -> t.fit(TRAIN))
          .isInstanceOf(NonFiniteLossException.class)
          .hasMessageStartingWith("training stopped at step 1 (epoch 1 of 1, 1 of 5 batches done): parameter"
              + " 'fc1.weight' holds 16 non-finite values (the first, ")
          .hasMessageContaining(", so no checkpoint was written. No checkpoint was written in this run. Lower");
    }
    assertThat(file).doesNotExist();
    model.close();
  }

  @Test
  void aNonFiniteEvaluationLossStopsTheRunBeforeTheEpochIsReportedOrSaved() {
    Path file = dir.resolve("eval.safetensors");
    TinyClassifier model = new TinyClassifier(f(), 3);
    List<EpochReport> epochs = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onEpoch(EpochReport epoch) {
        epochs.add(epoch);
      }
    };
    // one step per epoch: the step's loss is finite, its update is not, the evaluation after it is NaN
    try (Optimizer opt = adam(model)) {
      Trainer t = trainer(model, opt, 3).batchSize(40).testSet(TEST).checkpoint(file, 1)
          .listener(overflowAfterStep(model, 1)).listener(listener).build();
      assertThatThrownBy(() -> t.fit(TRAIN))
          .isInstanceOf(NonFiniteLossException.class)
          .hasMessageStartingWith("training stopped after step 1, at the end of epoch 1 of 3: the evaluation loss"
              + " on the test set is NaN. No checkpoint was written in this run. Lower the learning rate")
          .satisfies(e -> assertThat(((NonFiniteLossException) e).step()).isEqualTo(1))
          .satisfies(e -> assertThat(((NonFiniteLossException) e).skippable()).isFalse());
    }
    assertThat(epochs).as("epochs reported to listeners").isEmpty();
    assertThat(file).doesNotExist();
    model.close();
  }

  /** Makes every weight of the first layer infinite after step {@code step}, as an update that overflowed does. */
  @SuppressWarnings("try")
  private static TrainingListener overflowAfterStep(TinyClassifier model, long step) {
    return new TrainingListener() {
      @Override
      public void onStep(StepReport report) {
        if (report.step() == step) {
          try (Scope s = Scope.open(); NoGrad off = NoGrad.enter()) {
            Tensor w = model.namedParameters().get("fc1.weight");
            w.assign(w.mul(Double.POSITIVE_INFINITY));
          }
        }
      }
    };
  }

  @Test
  void aStopAfterAResumeNamesTheCheckpointResumedFrom() {
    Path file = dir.resolve("first.safetensors");
    runOnce(2, file, null, -1);
    TinyClassifier model = new TinyClassifier(f(), 3);
    model.poisonCall = 2;
    try (Optimizer opt = adam(model)) {
      Trainer t = trainer(model, opt, 3).resumeFrom(file).checkpoint(dir.resolve("second.safetensors"), 5).build();
      assertThatThrownBy(() -> t.fit(TRAIN))
          .isInstanceOf(NonFiniteLossException.class)
          .hasMessageStartingWith("training stopped at step 12 (epoch 3 of 3, batch 2 of 5): the loss is NaN. No"
              + " checkpoint was written in this run; " + file + ", which it resumed from, holds step 10, the end of"
              + " epoch 2 of 3 and was left as it was. ");
    }
    assertThat(dir.resolve("second.safetensors")).doesNotExist();
    model.close();
  }

  @Test
  void aCheckpointAtTheEndOfAnEpochResumesWithTheNextEpochAndTheSameReports() throws IOException {
    Path file = dir.resolve("epochs.safetensors");
    Path afterFirstEpoch = dir.resolve("after-epoch-1.safetensors");
    List<EpochReport> uninterrupted = runOnce(3, null, null, -1).history();
    TinyClassifier model = new TinyClassifier(f(), 3);
    // keeps the checkpoint as a run killed during epoch 2 would have left it
    TrainingListener keepFirst = new TrainingListener() {
      @Override
      public void onCheckpoint(Path checkpoint, long step) {
        if (step == 5) {
          try {
            Files.copy(checkpoint, afterFirstEpoch);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    };
    try (Optimizer opt = adam(model)) {
      trainer(model, opt, 3).testSet(TEST).checkpoint(file, 5).listener(keepFirst).build().fit(TRAIN);
    }
    model.close();
    Checkpoint saved = Checkpoint.read(afterFirstEpoch);
    assertThat(saved.epoch()).as("epochs finished").isEqualTo(1);
    assertThat(saved.batchInEpoch()).isZero();
    TinyClassifier resumedModel = new TinyClassifier(f(), 4);
    List<EpochReport> resumed;
    try (Optimizer opt = adam(resumedModel)) {
      resumed = trainer(resumedModel, opt, 3).testSet(TEST).resumeFrom(afterFirstEpoch).build().fit(TRAIN).history();
    }
    resumedModel.close();
    assertThat(resumed).extracting(EpochReport::epoch).containsExactly(1, 2);
    for (int i = 0; i < 2; i++) {
      EpochReport a = uninterrupted.get(i + 1);
      EpochReport b = resumed.get(i);
      assertThat(b.step()).isEqualTo(a.step());
      assertThat(b.trainLoss()).as("train loss of epoch %d", i + 2).isEqualTo(a.trainLoss());
      assertThat(b.testLoss()).as("test loss of epoch %d", i + 2).isEqualTo(a.testLoss());
    }
  }

  @Test
  void anEpochResumedInItsMiddleReportsTheTrainLossOfAllItsSteps() {
    Path file = dir.resolve("mid-loss.safetensors");
    List<EpochReport> uninterrupted = runOnce(3, null, null, -1).history();
    runOnce(3, file, null, 7);
    TinyClassifier model = new TinyClassifier(f(), 4);
    List<EpochReport> resumed;
    try (Optimizer opt = adam(model)) {
      resumed = fit(model, opt, 3, null, file, -1).history();
    }
    model.close();
    assertThat(resumed).extracting(EpochReport::epoch).containsExactly(1, 2);
    assertThat(resumed.get(0).trainLoss()).as("epoch 2, steps 6 and 7 before the resume and 8 to 10 after")
        .isEqualTo(uninterrupted.get(1).trainLoss());
    assertThat(resumed.get(1).trainLoss()).isEqualTo(uninterrupted.get(2).trainLoss());
  }

  @Test
  void refusesToResumeARunThatHasDoneTheEpochsAskedFor() {
    Path file = dir.resolve("done.safetensors");
    runOnce(2, file, null, -1);
    TinyClassifier model = new TinyClassifier(f(), 3);
    try (Optimizer opt = adam(model)) {
      for (int epochs : new int[] {1, 2}) {
        assertThatThrownBy(() -> trainer(model, opt, epochs).resumeFrom(file).build().fit(TRAIN))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Trainer: " + file + " holds a run that has finished 2 epochs, and epochs(" + epochs + ")"
                + " asks for no more; give epochs above 2 (the total, counting those done)");
      }
    }
    model.close();
  }

  @Test
  void aStopRequestedBeforeFitEndsItBeforeTheFirstStepAndThenExpires() {
    TinyClassifier model = new TinyClassifier(f(), 3);
    try (Optimizer opt = adam(model)) {
      Trainer t = trainer(model, opt, 1).build();
      t.requestStop();
      TrainingSummary stopped = t.fit(TRAIN);
      assertThat(stopped.stopped()).isTrue();
      assertThat(stopped.steps()).isZero();
      TrainingSummary next = t.fit(TRAIN);
      assertThat(next.stopped()).isFalse();
      assertThat(next.steps()).isEqualTo(5);
    }
    model.close();
  }

  @Test
  void skipModeSkipsAndCountsNonFiniteSteps() {
    TinyClassifier model = new TinyClassifier(f(), 3);
    model.poisonCall = 3;
    model.poison = Double.POSITIVE_INFINITY;
    List<StepReport> steps = new ArrayList<>();
    List<long[]> afterStep = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onStep(StepReport step) {
        steps.add(step);
        afterStep.add(bits(model.namedParameters().get("fc1.weight")));
      }
    };
    TrainingSummary summary;
    try (Optimizer opt = adam(model)) {
      summary = trainer(model, opt, 1).skipNonFinite(true).listener(listener).build().fit(TRAIN);
      assertThat(opt.stepCount()).as("optimizer steps").isEqualTo(4);
    }
    assertThat(summary.skippedSteps()).isEqualTo(1);
    assertThat(summary.history().get(0).skippedSteps()).isEqualTo(1);
    assertThat(steps.get(2).skipped()).isTrue();
    assertThat(steps.get(2).loss()).isInfinite();
    assertThat(steps.get(2).runningLoss()).isFinite();
    assertThat(afterStep.get(2)).as("parameters after the skipped step").containsExactly(afterStep.get(1));
    assertThat(afterStep.get(3)).isNotEqualTo(afterStep.get(2));
    model.close();
  }

  @Test
  void aNonFiniteGradientWithAFiniteLossIsCaughtBeforeTheUpdate() {
    for (boolean clip : new boolean[] {true, false}) {
      TinyClassifier model = new TinyClassifier(f(), 3);
      model.poisonCall = 2;
      model.poisonGradient = true;
      try (Optimizer opt = adam(model)) {
        TrainerBuilder b = trainer(model, opt, 1).clipGradientNorm(clip ? 5.0 : 0.0);
        assertThatThrownBy(() -> b.build().fit(TRAIN))
            .isInstanceOf(NonFiniteLossException.class)
            .hasMessageStartingWith("training stopped at step 2 (epoch 1 of 1, batch 2 of 5): the gradient norm is ")
            .hasMessageContaining(". No checkpoint was written in this run. ");
        assertThat(opt.stepCount()).isEqualTo(1);
      }
      assertThat(model.namedParameters().values())
          .allSatisfy(p -> assertThat(p.toDoubleArray()).as("parameters after the refused update").doesNotContain(
              Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
      model.close();
    }
  }

  @Test
  void stepsLeaveNoTensorsBehind() {
    TinyClassifier model = new TinyClassifier(f(), 3);
    try (Optimizer opt = adam(model)) {
      try (Scope outer = Scope.open()) {
        trainer(model, opt, 2).testSet(TEST).checkpoint(dir.resolve("m.safetensors"), 3).build().fit(TRAIN);
        assertThat(outer.size()).as("tensors left in the caller's scope by fit").isZero();
      }
      assertThat(model.returnedLosses).hasSize(10);
      assertThat(model.returnedLosses).allSatisfy(l -> assertThat(l.isClosed()).as("a step's loss").isTrue());
      assertThat(model.namedParameters().values()).allSatisfy(p -> {
        assertThat(p.isClosed()).isFalse();
        assertThat(p.grad()).as("gradients are dropped after each step").isNull();
      });
      assertThat(opt.state().values()).allSatisfy(s -> assertThat(s.isClosed()).isFalse());
    }
    model.close();
  }

  @Test
  void refusesToResumeFromACheckpointWithoutTrainingState() throws IOException {
    TinyClassifier model = new TinyClassifier(f(), 3);
    Path weights = dir.resolve("weights.safetensors");
    Checkpoint.builder().parameters(model).build().write(weights);
    try (Optimizer opt = adam(model)) {
      assertThatThrownBy(() -> trainer(model, opt, 1).resumeFrom(weights).build().fit(TRAIN))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("checkpoint " + weights + ": holds no training position or random stream");
    }
    model.close();
  }

  @Test
  void batchesCopyTheChosenExamplesInTheModelsDtype() {
    int[] indices = {3, 0};
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      if (dtype == DType.FLOAT64 && !capabilities().contains(org.vae4j.api.spi.Capability.FLOAT64)) {
        continue;
      }
      try (Scope s = Scope.open()) {
        Batch b = Batch.from(TRAIN, indices, f(), dtype);
        assertThat(b.inputs().shape()).isEqualTo(Shape.of(2, 2));
        assertThat(b.inputs().dtype()).isEqualTo(dtype);
        float[] third = new float[2];
        TRAIN.copyExample(3, third, 0);
        assertThat(b.inputs().toFloatArray()[1]).isEqualTo(third[1]);
        assertThat(b.labels().toIntArray()).containsExactly(TRAIN.label(3), TRAIN.label(0));
        assertThat(b.size()).isEqualTo(2);
        assertThat(s.size()).as("tensors of the batch, owned by the open scope").isEqualTo(2);
      }
    }
  }

  @Test
  void refusesToResumeMidEpochWithAnotherBatchSize() {
    Path file = dir.resolve("batch.safetensors");
    runOnce(2, file, null, 2);
    TinyClassifier model = new TinyClassifier(f(), 3);
    try (Optimizer opt = adam(model)) {
      assertThatThrownBy(() -> trainer(model, opt, 2).batchSize(10).resumeFrom(file).build().fit(TRAIN))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("was saved in the middle of an epoch with batch size 8, not 10");
    }
    model.close();
  }

  /** Trains a fresh model (initialized differently when resuming) and returns its parameters' bits. */
  private Map<String, long[]> trainedBits(int epochs, Path checkpoint, Path resume, int stopAt) {
    TinyClassifier model = new TinyClassifier(f(), resume == null ? 3 : 4);
    try (Optimizer opt = adam(model)) {
      fit(model, opt, epochs, checkpoint, resume, stopAt);
      Map<String, long[]> out = new LinkedHashMap<>();
      model.namedParameters().forEach((k, v) -> out.put(k, bits(v)));
      opt.state().forEach((k, v) -> out.put(k, bits(v)));
      return out;
    } finally {
      model.close();
    }
  }

  private TrainingSummary runOnce(int epochs, Path checkpoint, Path resume, int stopAt) {
    TinyClassifier model = new TinyClassifier(f(), 3);
    try (Optimizer opt = adam(model)) {
      return fit(model, opt, epochs, checkpoint, resume, stopAt);
    } finally {
      model.close();
    }
  }

  private TrainingSummary fit(TinyClassifier model, Optimizer opt, int epochs, Path checkpoint, Path resume,
      int stopAt) {
    TrainerBuilder b = trainer(model, opt, epochs).testSet(TEST);
    if (checkpoint != null) {
      b.checkpoint(checkpoint, 0);
    }
    if (resume != null) {
      b.resumeFrom(resume);
    }
    Trainer[] self = new Trainer[1];
    b.listener(new TrainingListener() {
      @Override
      public void onStep(StepReport step) {
        if (step.step() == stopAt) {
          self[0].requestStop();
        }
      }
    });
    self[0] = b.build();
    return self[0].fit(TRAIN);
  }

  private static long[] bits(Tensor t) {
    float[] f = t.toFloatArray();
    long[] out = new long[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = Float.floatToRawIntBits(f[i]);
    }
    return out;
  }
}
