package org.vae4j.models.vq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;

/**
 * A VQ-VAE (codebook trained by its loss) and a prior written to safetensors and read into freshly
 * initialised models encode, decode and score exactly as the saved ones: what the command line relies on
 * when it trains the prior on the codes of a saved VQ-VAE.
 */
class VqCheckpointTest {
  private final TensorFactory f = Tensors.factory();

  private ParameterFactory params(long seed) {
    return new ParameterFactory(f, DType.FLOAT32, PhiloxStream.seeded(seed));
  }

  @Test
  void vqVaeAndPriorRestoreIntoFreshModels(@TempDir Path dir) throws Exception {
    VqVaeConfig vqConfig = new VqVaeConfig(8, 1, 4, 16, 0.25, false, 5);
    PixelCnnConfig priorConfig = new PixelCnnConfig(16, 7, 7, 4, 4, 2, 3);
    Path vqFile = dir.resolve("vqvae.safetensors");
    Path priorFile = dir.resolve("prior.safetensors");
    try (VqVae saved = new VqVae(vqConfig, params(1)); VqVae restored = new VqVae(vqConfig, params(2));
        PixelCnnPrior savedPrior = new PixelCnnPrior(priorConfig, params(3));
        PixelCnnPrior restoredPrior = new PixelCnnPrior(priorConfig, params(4)); Scope s = Scope.open()) {
      Checkpoint.builder().parameters(saved).model(saved.modelName(), saved.modelConfig()).build().write(vqFile);
      Checkpoint.builder().parameters(savedPrior).model(savedPrior.modelName(), savedPrior.modelConfig()).build()
          .write(priorFile);
      Tensor x = f.of(PhiloxStream.seeded(5).uniformFloats(2 * 784), Shape.of(2, 1, 28, 28));
      Checkpoint vq = Checkpoint.read(vqFile);
      assertThat(vq.parameters()).containsKey("quantizer.codebook");
      assertThat(vq.modelConfig()).isEqualTo(vqConfig.describe());
      vq.restoreParameters(restored);
      Tensor codes = saved.encodeToCodes(x);
      assertThat(restored.encodeToCodes(x).toIntArray()).containsExactly(codes.toIntArray());
      assertThat(restored.decodeCodes(codes).toFloatArray()).containsExactly(saved.decodeCodes(codes).toFloatArray());
      Checkpoint.read(priorFile).restoreParameters(restoredPrior);
      assertThat(restoredPrior.logProb(codes).toFloatArray()).containsExactly(savedPrior.logProb(codes).toFloatArray());
    }
  }

  @Test
  void anEmaVqVaeSavesItsCodebookAndMovingAveragesAsBuffers(@TempDir Path dir) throws Exception {
    VqVaeConfig config = new VqVaeConfig(8, 1, 4, 16, 0.25, true, 5);
    Path file = dir.resolve("ema.safetensors");
    try (VqVae saved = new VqVae(config, params(1)); VqVae restored = new VqVae(config, params(2));
        Scope s = Scope.open()) {
      assertThat(saved.namedParameters()).doesNotContainKey("quantizer.codebook");
      assertThat(saved.namedBuffers()).containsKeys("quantizer.codebook", "quantizer.ema.clusterSize",
          "quantizer.ema.embedSum");
      saved.forward(f.of(PhiloxStream.seeded(6).uniformFloats(4 * 784), Shape.of(4, 1, 28, 28)));
      Checkpoint.builder().parameters(saved).build().write(file);
      Checkpoint.read(file).restoreParameters(restored);
      saved.namedBuffers().forEach((name, buffer) -> assertThat(restored.namedBuffers().get(name).toFloatArray())
          .as(name).containsExactly(buffer.toFloatArray()));
    }
  }
}
