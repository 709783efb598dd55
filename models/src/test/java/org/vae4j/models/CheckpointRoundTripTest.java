package org.vae4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointException;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.models.bayes.BayesianMlp;

/** The models' parameter names survive a safetensors checkpoint written and read by core. */
class CheckpointRoundTripTest {
  private final TensorFactory f = Tests.pure();

  @Test
  void convolutionalVaeRestoresIntoAFreshlyInitializedOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vae.safetensors");
    try (Vae saved = Vae.convolutional(4, Likelihood.bernoulli(), ParameterFactory.of(f, PhiloxStream.seeded(1)));
        Vae restored = Vae.convolutional(4, Likelihood.bernoulli(), ParameterFactory.of(f, PhiloxStream.seeded(2)));
        Scope s = Scope.open()) {
      Checkpoint.builder().parameters(saved).model(saved.modelName(), saved.modelConfig()).build().write(file);
      Tensor x = f.of(MnistSubset.get().images(0, 2), Shape.of(2, 1, 28, 28));
      assertThat(restored.reconstruct(x).toFloatArray()).isNotEqualTo(saved.reconstruct(x).toFloatArray());
      Checkpoint read = Checkpoint.read(file);
      assertThat(read.parameters().keySet()).containsExactlyInAnyOrderElementsOf(saved.namedParameters().keySet());
      assertThat(read.modelName()).isEqualTo("vae-conv");
      read.restoreParameters(restored);
      assertThat(restored.reconstruct(x).toFloatArray()).isEqualTo(saved.reconstruct(x).toFloatArray());
    }
  }

  @Test
  void bayesianMlpRoundTripsAndAMisfitIsReportedByName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bnn.safetensors");
    try (BayesianMlp saved = BayesianMlp.builder(BayesianMlp.Task.CLASSIFICATION, 4, 3, 10).hidden(5)
        .build(ParameterFactory.of(f, PhiloxStream.seeded(3)));
        BayesianMlp same = BayesianMlp.builder(BayesianMlp.Task.CLASSIFICATION, 4, 3, 10).hidden(5)
            .build(ParameterFactory.of(f, PhiloxStream.seeded(4)));
        BayesianMlp wider = BayesianMlp.builder(BayesianMlp.Task.CLASSIFICATION, 4, 3, 10).hidden(6)
            .build(ParameterFactory.of(f, PhiloxStream.seeded(5)))) {
      Checkpoint.builder().parameters(saved).build().write(file);
      Checkpoint read = Checkpoint.read(file);
      read.restoreParameters(same);
      for (String name : saved.namedParameters().keySet()) {
        assertThat(same.namedParameters().get(name).toFloatArray()).as(name)
            .isEqualTo(saved.namedParameters().get(name).toFloatArray());
      }
      assertThatThrownBy(() -> read.restoreParameters(wider)).isInstanceOf(CheckpointException.class)
          .hasMessageContaining("0.weight_mu");
    }
  }
}
