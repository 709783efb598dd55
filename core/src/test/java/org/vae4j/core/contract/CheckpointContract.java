package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.DType;
import org.vae4j.api.Module;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointException;
import org.vae4j.core.checkpoint.HostTensor;
import org.vae4j.core.checkpoint.SafeTensorsWriter;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.optim.Sgd;
import org.vae4j.core.random.PhiloxStream;

/** Checkpoints of a backend's tensors: bit-exact round trips, optimizer and stream state, model checks. */
@SuppressWarnings("try") // scopes and NoGrad blocks are used for their effect, not referenced
public abstract class CheckpointContract extends BackendTestSupport {
  @TempDir
  Path dir;

  @Test
  void parametersRoundTripBitForBit() throws IOException {
    float[] special = {Float.intBitsToFloat(0x7fc00001), -0.0f, Float.MIN_VALUE, Float.POSITIVE_INFINITY, 0.1f, -3e38f};
    Map<String, Tensor> saved = new LinkedHashMap<>();
    saved.put("encoder.0.weight", f().of(special, Shape.of(2, 3)).requireGrad());
    saved.put("scale", f().of(new double[] {0.1}, Shape.scalar(), DType.FLOAT32).requireGrad());
    if (capabilities().contains(org.vae4j.api.spi.Capability.FLOAT64)) {
      saved.put("prior.loc", f().of(new double[] {Math.PI, -0.0, Double.MIN_VALUE}, Shape.of(3)).requireGrad());
    }
    Path file = dir.resolve("weights.safetensors");
    Checkpoint.builder().parameters(saved).build().write(file);

    Map<String, Tensor> loaded = new LinkedHashMap<>();
    saved.forEach((k, v) -> loaded.put(k, f().zeros(v.shape(), v.dtype()).requireGrad()));
    Checkpoint.read(file).restoreParameters(loaded);
    for (String name : saved.keySet()) {
      assertThat(bits(loaded.get(name))).as(name).containsExactly(bits(saved.get(name)));
    }
    saved.values().forEach(Tensor::close);
    loaded.values().forEach(Tensor::close);
  }

  @Test
  void carriesOptimizerStateRandomStreamAndMetadata() throws IOException {
    Tensor w = f().of(new double[] {0.5, -1.0, 2.0}, Shape.of(3), DType.FLOAT32).requireGrad();
    Optimizer adam = Adam.builder(0.1).build(Map.of("w", w));
    for (int t = 0; t < 2; t++) {
      step(adam, w);
    }
    PhiloxStream rng = PhiloxStream.seeded(99);
    rng.uniformDoubles(5);
    Path file = dir.resolve("run.safetensors");
    Checkpoint.builder().parameters(Map.of("w", w)).optimizer(adam).position(17, 3, 2).random(rng)
        .model("tiny", "in=3").metadata("note", "hello").build().write(file);

    Checkpoint c = Checkpoint.read(file);
    assertThat(c.tensors().keySet()).containsExactlyInAnyOrder("w", "optimizer.adam.m.w", "optimizer.adam.v.w");
    assertThat(c.parameters()).containsOnlyKeys("w");
    assertThat(c.optimizerState()).containsOnlyKeys("adam.m.w", "adam.v.w");
    assertThat(c.step()).isEqualTo(17);
    assertThat(c.epoch()).isEqualTo(3);
    assertThat(c.batchInEpoch()).isEqualTo(2);
    assertThat(c.modelName()).isEqualTo("tiny");
    assertThat(c.modelConfig()).isEqualTo("in=3");
    assertThat(c.optimizerKind()).isEqualTo("adam");
    assertThat(c.metadata()).containsEntry("note", "hello").containsKey("vae4j.version");
    assertThat(c.randomStream().uniformDoubles(4)).containsExactly(rng.uniformDoubles(4));

    Tensor w2 = f().zeros(Shape.of(3), DType.FLOAT32).requireGrad();
    try (Optimizer restored = Adam.builder(0.1).build(Map.of("w", w2))) {
      c.restoreParameters(Map.of("w", w2));
      c.restoreOptimizer(restored);
      assertThat(restored.stepCount()).isEqualTo(2);
      for (String k : adam.state().keySet()) {
        assertThat(bits(restored.state().get(k))).as(k).containsExactly(bits(adam.state().get(k)));
      }
      step(adam, w);
      step(restored, w2);
      assertThat(bits(w2)).containsExactly(bits(w));
    }
    adam.close();
    w.close();
    w2.close();
  }

  @Test
  void loadingIntoAModelThatDoesNotFitListsEveryProblemAndChangesNothing() throws IOException {
    Map<String, Tensor> saved = new LinkedHashMap<>();
    saved.put("encoder.weight", f().zeros(Shape.of(3, 2), DType.FLOAT32).requireGrad());
    saved.put("encoder.bias", f().zeros(Shape.of(3), DType.FLOAT32).requireGrad());
    saved.put("extra", f().zeros(Shape.of(1), DType.FLOAT32).requireGrad());
    Path file = dir.resolve("other-model.safetensors");
    Checkpoint.builder().parameters(saved).model("vae-mlp", "hidden=3").build().write(file);
    byte[] bytes = Files.readAllBytes(file);

    Map<String, Tensor> params = new LinkedHashMap<>();
    params.put("encoder.weight", f().ones(Shape.of(2, 3), DType.FLOAT32).requireGrad());
    params.put("encoder.bias", f().ones(Shape.of(3), DType.FLOAT32).requireGrad());
    params.put("decoder.bias", f().ones(Shape.of(4), DType.FLOAT32).requireGrad());
    Module model = () -> params;
    Checkpoint c = Checkpoint.read(file);
    assertThatThrownBy(() -> c.restoreParameters(model))
        .isInstanceOf(CheckpointException.class)
        .hasMessageStartingWith("checkpoint " + file + ": does not fit the model (saved from 'vae-mlp' hidden=3)"
            + " (3 problems): ")
        .hasMessageContaining("parameter 'encoder.weight' is FLOAT32 (3, 2) in the checkpoint but FLOAT32 (2, 3)"
            + " in the model")
        .hasMessageContaining("missing parameter 'decoder.bias' (model has FLOAT32 (4))")
        .hasMessageContaining("unexpected parameter 'extra' (FLOAT32 (1)) that the model does not have");
    assertThat(params.get("encoder.bias").toDoubleArray()).as("nothing loaded").containsOnly(1.0);
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    saved.values().forEach(Tensor::close);
    params.values().forEach(Tensor::close);
  }

  @Test
  void loadingIntoAModelRefusesNonFiniteParametersNamingTheFileAndTheTensor() throws IOException {
    Map<String, Tensor> params = new LinkedHashMap<>();
    params.put("encoder.weight", f().ones(Shape.of(2, 2), DType.FLOAT32).requireGrad());
    Map<String, Tensor> buffers = Map.of("mask", f().zeros(Shape.of(2), DType.FLOAT32));
    Module model = new Module() {
      @Override
      public Map<String, Tensor> namedParameters() {
        return params;
      }

      @Override
      public Map<String, Tensor> namedBuffers() {
        return buffers;
      }
    };
    Tensor mask = f().of(new float[] {0f, Float.NEGATIVE_INFINITY}, Shape.of(2));
    Tensor diverged = f().of(new float[] {0.5f, Float.NaN, 1f, Float.POSITIVE_INFINITY}, Shape.of(2, 2));
    Path file = dir.resolve("diverged.safetensors");
    Checkpoint.builder().parameters(Map.of("encoder.weight", diverged, "mask", mask)).build().write(file);
    assertThatThrownBy(() -> Checkpoint.read(file).restoreParameters(model))
        .isInstanceOf(CheckpointException.class)
        .hasMessage("checkpoint " + file + ": parameter 'encoder.weight' holds 2 non-finite values (the first, NaN,"
            + " at flat index 1 of (2, 2)): it was saved from a run that had diverged; load an earlier checkpoint"
            + " or train afresh");
    assertThat(params.get("encoder.weight").toFloatArray()).as("nothing loaded").containsOnly(1f);

    // a buffer may hold infinities (a mask does); the low-level map form copies whatever is there
    Tensor finite = f().of(new float[] {0.5f, 2f, 1f, 3f}, Shape.of(2, 2));
    Path good = dir.resolve("good.safetensors");
    Checkpoint.builder().parameters(Map.of("encoder.weight", finite, "mask", mask)).build().write(good);
    Checkpoint.read(good).restoreParameters(model);
    assertThat(buffers.get("mask").toFloatArray()).containsExactly(0f, Float.NEGATIVE_INFINITY);
    Checkpoint.read(file).restoreParameters(Map.of("encoder.weight", params.get("encoder.weight"), "mask",
        buffers.get("mask")));
    assertThat(bits(params.get("encoder.weight"))).containsExactly(bits(diverged));
    for (Tensor t : List.of(mask, diverged, finite, buffers.get("mask"), params.get("encoder.weight"))) {
      t.close();
    }
  }

  @Test
  void refusesNonFiniteOptimizerState() throws IOException {
    Tensor w = f().of(new double[] {0.5, -1.0}, Shape.of(2), DType.FLOAT32).requireGrad();
    Path file = dir.resolve("state.safetensors");
    try (Optimizer adam = Adam.builder(0.1).build(Map.of("w", w))) {
      step(adam, w);
      Checkpoint c = Checkpoint.read(writeWith(file, adam, w));
      Map<String, HostTensor> tensors = new LinkedHashMap<>(c.tensors());
      tensors.put("optimizer.adam.v.w", HostTensor.ofFloats(
          new float[] {Float.POSITIVE_INFINITY, 1f}, Shape.of(2)));
      SafeTensorsWriter.write(file, tensors, c.metadata());
      assertThatThrownBy(() -> Checkpoint.read(file).restoreOptimizer(adam))
          .isInstanceOf(CheckpointException.class)
          .hasMessage("checkpoint " + file + ": optimizer state 'adam.v.w' holds 1 non-finite value (the first,"
              + " Infinity, at flat index 0 of (2)): it was saved from a run that had diverged; load an earlier"
              + " checkpoint or train afresh");
    }
    w.close();
  }

  private static Path writeWith(Path file, Optimizer optimizer, Tensor w) throws IOException {
    Checkpoint.builder().parameters(Map.of("w", w)).optimizer(optimizer).build().write(file);
    return file;
  }

  @Test
  void refusesOptimizerStateOfAnotherKind() throws IOException {
    Tensor w = f().zeros(Shape.of(2), DType.FLOAT32).requireGrad();
    Path file = dir.resolve("sgd.safetensors");
    try (Optimizer sgd = Sgd.builder(0.1).momentum(0.9).build(Map.of("w", w));
        Optimizer adam = Adam.builder(0.1).build(Map.of("w", w))) {
      Checkpoint.builder().parameters(Map.of("w", w)).optimizer(sgd).build().write(file);
      Checkpoint c = Checkpoint.read(file);
      assertThatThrownBy(() -> c.restoreOptimizer(adam)).isInstanceOf(CheckpointException.class)
          .hasMessageContaining("holds the state of a 'sgd' optimizer, not of 'adam'");
    }
    w.close();
  }

  @Test
  void refusesParameterNamesWithAReservedPrefix() {
    Tensor w = f().zeros(Shape.of(2), DType.FLOAT32).requireGrad();
    assertThatThrownBy(() -> Checkpoint.builder().parameters(Map.of("optimizer.w", w)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'optimizer.w' starts with a reserved prefix");
    w.close();
  }

  private void step(Optimizer opt, Tensor w) {
    try (Scope s = Scope.open()) {
      opt.zeroGrad();
      w.square().sum().backward();
      opt.step();
      opt.zeroGrad();
    }
  }

  private static long[] bits(Tensor t) {
    long[] out = new long[(int) t.size()];
    if (t.dtype() == DType.FLOAT64) {
      double[] d = t.toDoubleArray();
      for (int i = 0; i < d.length; i++) {
        out[i] = Double.doubleToRawLongBits(d[i]);
      }
    } else {
      float[] f = t.toFloatArray();
      for (int i = 0; i < f.length; i++) {
        out[i] = Float.floatToRawIntBits(f[i]);
      }
    }
    return out;
  }
}
