package org.vae4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Backends;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;
import org.vae4j.models.Likelihood;
import org.vae4j.models.Vae;

/** The bench's FLOP counts of a training step equal the sums written out layer by layer. */
class ObservedKernelsTest {
  private static final int N = 4;

  /** Forward and backward FLOPs of one step of {@code model} on a batch of N examples of {@code shape}. */
  private static long stepFlops(java.util.function.Function<ParameterFactory, Vae> model, Shape example) {
    AtomicLong flops = new AtomicLong();
    TensorFactory f = Tensors.on(ObservedKernels.flopCounter(Backends.get("pure").kernels(Device.CPU), flops));
    try (Vae vae = model.apply(ParameterFactory.of(f, PhiloxStream.seeded(1))); Scope s = Scope.open()) {
      Tensor x = f.of(PhiloxStream.seeded(2).uniformFloats(N * (int) example.size()), example.prepend(N));
      flops.set(0);
      vae.loss(Batch.of(x, null), PhiloxStream.seeded(3)).backward();
      return flops.get();
    }
  }

  @Test
  void theMlpVaeCountsItsProductsForwardTwiceBackwardButNoGradientOfTheData() {
    long forward = 2L * (784 * 400 + 400 * 40 + 20 * 400 + 400 * 784);
    long backward = 2 * forward - 2L * 784 * 400;
    assertThat(stepFlops(Vae::pytorchExample, Shape.of(784))).isEqualTo(N * (forward + backward))
        .isEqualTo(N * 3_280_000L);
  }

  @Test
  void theConvolutionalVaeCountsEveryWindowOfItsConvolutionsAndTransposedConvolutions() {
    long conv1 = 2L * 32 * 14 * 14 * 1 * 4 * 4;
    long conv2 = 2L * 64 * 7 * 7 * 32 * 4 * 4;
    long dense = 2L * (3136 * 256 + 256 * 40 + 20 * 256 + 256 * 3136);
    long forward = 2 * conv1 + 2 * conv2 + dense;
    long backward = 2 * forward - conv1;
    assertThat(stepFlops(p -> Vae.convolutional(20, Likelihood.bernoulli(), p), Shape.of(1, 28, 28)))
        .isEqualTo(N * (forward + backward));
  }
}
