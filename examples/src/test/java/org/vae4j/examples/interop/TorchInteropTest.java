package org.vae4j.examples.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Backends;
import org.vae4j.core.Tensors;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointException;
import org.vae4j.core.checkpoint.HostTensor;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.core.nn.Activation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.examples.data.Datasets;
import org.vae4j.models.Likelihood;
import org.vae4j.models.Vae;

/**
 * The PyTorch state dict in {@code src/test/resources/torch}, made once by {@code make_torch_vae.py} from
 * pytorch/examples' VAE (784-16-2), imported into vae4j's VAE: vae4j computes the test loss at the posterior
 * mean that PyTorch stored in the file to 3 decimals, and exporting the imported model gives PyTorch's tensors
 * back bit for bit (so PyTorch computes that loss again on the export).
 */
class TorchInteropTest {
  static final Path TORCH_FILE = Path.of("src/test/resources/torch/torch-vae-784-16-2.safetensors");

  @TempDir
  Path dir;

  private static Vae smallVae(TensorFactory f) {
    return Vae.mlp(Shape.of(784), 16, 2, Activation::relu, Likelihood.bernoulli(),
        ParameterFactory.of(f, PhiloxStream.seeded(0)));
  }

  @Test
  void aTorchStateDictGivesTorchsTestLossToThreeDecimals() throws Exception {
    TensorFactory f = Tensors.on(Backends.get("pure").kernels(org.vae4j.api.Device.CPU));
    ImageDataset test = new Datasets().load(Datasets.MNIST_10K).test();
    double torchLoss = Double.parseDouble(Checkpoint.read(TORCH_FILE).metadata().get("test_loss_at_mean"));
    try (Vae vae = smallVae(f)) {
      double before = TorchInterop.lossAtPosteriorMean(vae, test, 200, f);
      TorchInterop.importInto(vae, TORCH_FILE, null);
      double after = TorchInterop.lossAtPosteriorMean(vae, test, 200, f);
      assertThat(before).as("untrained").isGreaterThan(torchLoss + 50);
      assertThat(after).as("vae4j on PyTorch's weights vs PyTorch's %s", torchLoss).isCloseTo(torchLoss, within(5e-4));
    }
  }

  @Test
  void exportingTheImportedModelGivesPyTorchsTensorsBack() throws Exception {
    TensorFactory f = Tensors.on(Backends.get("pure").kernels(org.vae4j.api.Device.CPU));
    Path exported = dir.resolve("export.safetensors");
    try (Vae vae = smallVae(f)) {
      TorchInterop.importInto(vae, TORCH_FILE, null);
      TorchInterop.exportVae(vae, exported);
    }
    Map<String, HostTensor> original = Checkpoint.read(TORCH_FILE).tensors();
    Map<String, HostTensor> back = Checkpoint.read(exported).tensors();
    assertThat(back.keySet()).containsExactlyInAnyOrderElementsOf(original.keySet());
    original.forEach((name, t) -> {
      assertThat(back.get(name).shape()).as(name).isEqualTo(t.shape());
      assertThat(back.get(name).bytes()).as(name).isEqualTo(t.bytes());
    });
  }

  @Test
  void aStateDictOfAnotherModelNamesEveryMisfit() throws Exception {
    TensorFactory f = Tensors.on(Backends.get("pure").kernels(org.vae4j.api.Device.CPU));
    try (Vae vae = Vae.pytorchExample(ParameterFactory.of(f, PhiloxStream.seeded(0)))) {
      assertThatThrownBy(() -> TorchInterop.importInto(vae, TORCH_FILE, null))
          .isInstanceOf(CheckpointException.class)
          .hasMessageContaining("parameter 'encoder.1.weight' is FLOAT32 (16, 784) in the checkpoint but FLOAT32 "
              + "(400, 784) in the model")
          .hasMessageContaining("parameter 'encoder.3.weight' is FLOAT32 (4, 16) in the checkpoint but FLOAT32 "
              + "(40, 400) in the model");
    }
    Path names = Files.writeString(dir.resolve("names.txt"), "encoder.1.weight = fc1.weight\n");
    try (Vae vae = smallVae(f)) {
      assertThatThrownBy(() -> TorchInterop.importInto(vae, TORCH_FILE, names))
          .isInstanceOf(CheckpointException.class).hasMessageContaining("tensor 'fc21.weight' (2, 16) has no rule");
    }
  }
}
