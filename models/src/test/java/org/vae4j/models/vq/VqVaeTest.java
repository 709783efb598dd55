package org.vae4j.models.vq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;

class VqVaeTest {
  private static final VqVaeConfig SMALL = new VqVaeConfig(8, 1, 4, 16, 0.25, false, 1);
  private final TensorFactory f = Tensors.factory();

  private VqVae model(VqVaeConfig config) {
    return new VqVae(config, new ParameterFactory(f, DType.FLOAT32, PhiloxStream.seeded(4)));
  }

  private Tensor images(int n) {
    return f.of(PhiloxStream.seeded(8).uniformFloats(n * 784), Shape.of(n, 1, 28, 28));
  }

  @Test
  void codesAreA7x7MapOfIndicesAndDecodeToImagesInTheUnitInterval() {
    try (VqVae vq = model(SMALL); Scope s = Scope.open()) {
      Tensor codes = vq.encodeToCodes(images(3));
      assertThat(codes.dtype()).isEqualTo(DType.INT32);
      assertThat(codes.shape()).isEqualTo(Shape.of(3, 7, 7));
      assertThat(IntStream.of(codes.toIntArray()).boxed()).allSatisfy(c -> assertThat(c).isBetween(0, 15));
      Tensor decoded = vq.decodeCodes(codes);
      assertThat(decoded.shape()).isEqualTo(Shape.of(3, 1, 28, 28));
      assertThat(DoubleStream.of(decoded.toDoubleArray()).boxed()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
      assertThat(vq.reconstruct(images(3)).toFloatArray()).containsExactly(decoded.toFloatArray());
      assertThat(vq.encodeToCodes(images(3).reshape(3, 784)).toIntArray()).containsExactly(codes.toIntArray());
    }
  }

  @Test
  void encodingNeverMovesTheCodebookEvenInTrainingMode() {
    try (VqVae vq = model(SMALL); Scope s = Scope.open()) {
      double[] before = vq.quantizer().codebook().toDoubleArray();
      for (int i = 0; i < 3; i++) {
        vq.encodeToCodes(images(2));
      }
      assertThat(vq.quantizer().codebook().toDoubleArray()).containsExactly(before);
      vq.forward(images(2));
      vq.forward(images(2));
      assertThat(vq.quantizer().codebook().toDoubleArray()).as("a training pass restarts codes idle for a step")
          .isNotEqualTo(before);
    }
  }

  @Test
  void lossIsReconstructionPlusQuantizerLossesAndReachesEveryParameter() {
    try (VqVae vq = model(SMALL); Scope s = Scope.open()) {
      vq.train(false);
      Tensor x = images(2);
      VqVae.Output out = vq.forward(x);
      double bce = out.logits().softplus().sub(out.logits().mul(x)).mean().item();
      assertThat(out.reconstructionLoss().item()).isCloseTo(bce, within(1e-6));
      Tensor loss = vq.loss(Batch.of(x, null), PhiloxStream.seeded(0));
      assertThat(loss.item()).isCloseTo(bce + out.quantized().codebookLoss().item()
          + out.quantized().commitmentLoss().item(), within(1e-5));
      loss.backward();
      vq.namedParameters().forEach((name, p) -> assertThat(p.grad()).as("gradient of %s", name).isNotNull());
      assertThat(vq.namedParameters()).containsKey("quantizer.codebook").containsKey("encoder.0.weight")
          .containsKey("decoder.0.weight");
    }
  }

  @Test
  void theEmaCodebookIsABufferNotAParameterSoAdamAcceptsTheModel() {
    try (VqVae vq = model(SMALL.withEma(true))) {
      assertThat(vq.namedParameters()).doesNotContainKey("quantizer.codebook")
          .allSatisfy((name, p) -> assertThat(p.requiresGrad()).as(name).isTrue());
      assertThat(vq.namedBuffers()).containsOnlyKeys("quantizer.codebook", "quantizer.ema.clusterSize",
          "quantizer.ema.embedSum");
      assertThat(vq.namedBuffers().get("quantizer.codebook")).isSameAs(vq.quantizer().codebook());
      Adam.builder(1e-3).build(vq.namedParameters()).close();
    }
    try (VqVae vq = model(SMALL)) {
      assertThat(vq.namedBuffers()).isEmpty();
    }
  }

  @Test
  void rejectsMisshapenInputsAndCodes() {
    try (VqVae vq = model(SMALL); Scope s = Scope.open()) {
      assertThatThrownBy(() -> vq.encodeToCodes(f.zeros(Shape.of(2, 1, 14, 14), DType.FLOAT32)))
          .hasMessageContaining("VqVae.encodeToCodes").hasMessageContaining("(2, 1, 14, 14)");
      assertThatThrownBy(() -> vq.decodeCodes(f.of(new int[2 * 36], Shape.of(2, 6, 6))))
          .hasMessageContaining("VqVae.decodeCodes").hasMessageContaining("(2, 6, 6)");
    }
  }
}
