package org.vae4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.Module;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.estimators.Elbo;
import org.vae4j.core.nn.Activation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;

/** Output shapes and parameter names of every VAE-family model, on the pure backend. */
class ModelShapesTest {
  private final TensorFactory f = Tests.pure();
  private Scope scope;

  @BeforeEach
  void open() {
    scope = Scope.open();
  }

  @AfterEach
  void close() {
    scope.close();
  }

  private ParameterFactory params(long seed) {
    return ParameterFactory.of(f, PhiloxStream.seeded(seed));
  }

  private Tensor digits(int n, Shape dataShape) {
    return f.of(MnistSubset.get().images(0, n), dataShape.prepend(n));
  }

  @Test
  void pytorchExampleVaeHasItsLayoutNamesAndShapes() {
    try (Vae vae = Vae.pytorchExample(params(1))) {
      assertThat(vae.namedParameters().keySet()).containsExactly("encoder.1.weight", "encoder.1.bias",
          "encoder.3.weight", "encoder.3.bias", "decoder.0.weight", "decoder.0.bias", "decoder.2.weight",
          "decoder.2.bias");
      assertThat(vae.namedParameters().get("encoder.1.weight").shape()).isEqualTo(Shape.of(400, 784));
      assertThat(vae.namedParameters().get("encoder.3.weight").shape()).isEqualTo(Shape.of(40, 400));
      assertThat(vae.parameterCount()).isEqualTo(784 * 400 + 400 + 400 * 40 + 40 + 20 * 400 + 400 + 400 * 784 + 784);
      Tensor x = digits(5, Shape.of(784));
      Distribution q = vae.encode(x);
      assertThat(q.batchShape()).isEqualTo(Shape.of(5));
      assertThat(q.eventShape()).isEqualTo(Shape.of(20));
      Distribution p = vae.decode(f.zeros(Shape.of(3, 5, 20), x.dtype()));
      assertThat(p.batchShape()).isEqualTo(Shape.of(3, 5));
      assertThat(p.eventShape()).isEqualTo(Shape.of(784));
      assertThat(p.logProb(x).shape()).isEqualTo(Shape.of(3, 5));
      assertThat(vae.prior().eventShape()).isEqualTo(Shape.of(20));
      assertThat(vae.sample(4, PhiloxStream.seeded(2)).shape()).isEqualTo(Shape.of(4, 784));
      assertThat(vae.reconstruct(x).shape()).isEqualTo(Shape.of(5, 784));
      assertThat(vae.encodeMean(x).shape()).isEqualTo(Shape.of(5, 20));
      Tensor line = vae.interpolate(x.slice(0, 0, 1).reshape(784), x.slice(0, 1, 2).reshape(784), 6);
      assertThat(line.shape()).isEqualTo(Shape.of(6, 784));
      Tensor loss = vae.loss(Batch.of(x, null), PhiloxStream.seeded(3));
      assertThat(loss.shape().size()).isEqualTo(1);
      assertThat(loss.item()).isBetween(100.0, 2000.0);
    }
  }

  @Test
  void interpolationEndsDecodeTheEndpointsCodes() {
    try (Vae vae = Vae.mlp(Shape.of(784), 50, 4, Activation::tanh, Likelihood.bernoulli(), params(4))) {
      Tensor x = digits(2, Shape.of(784));
      Tensor line = vae.interpolate(x.slice(0, 0, 1).reshape(784), x.slice(0, 1, 2).reshape(784), 3);
      Tensor recon = vae.reconstruct(x);
      assertThat(line.slice(0, 0, 1).toFloatArray()).containsExactly(recon.slice(0, 0, 1).toFloatArray(),
          org.assertj.core.data.Offset.offset(1e-5f));
      assertThat(line.slice(0, 2, 3).toFloatArray()).containsExactly(recon.slice(0, 1, 2).toFloatArray(),
          org.assertj.core.data.Offset.offset(1e-5f));
      assertThatThrownBy(() -> vae.interpolate(x, x, 3)).hasMessageContaining("(2, 784)");
      assertThatThrownBy(() -> vae.encode(f.zeros(Shape.of(2, 783), x.dtype()))).hasMessageContaining("(2, 783)");
    }
  }

  @Test
  void convolutionalVaeMapsImagesToImages() {
    Shape img = Shape.of(1, 28, 28);
    try (Vae vae = Vae.convolutional(8, Likelihood.bernoulli(), params(5))) {
      assertThat(vae.namedParameters().keySet()).startsWith("encoder.0.weight", "encoder.0.bias",
          "encoder.2.weight");
      assertThat(vae.namedParameters().get("decoder.5.weight").shape()).isEqualTo(Shape.of(64, 32, 4, 4));
      Tensor x = digits(3, img);
      assertThat(vae.encode(x).batchShape()).isEqualTo(Shape.of(3));
      Distribution p = vae.decode(f.zeros(Shape.of(2, 3, 8), x.dtype()));
      assertThat(p.batchShape()).isEqualTo(Shape.of(2, 3));
      assertThat(p.eventShape()).isEqualTo(img);
      assertThat(vae.reconstruct(x).shape()).isEqualTo(Shape.of(3, 1, 28, 28));
      assertThat(vae.sample(2, PhiloxStream.seeded(6)).shape()).isEqualTo(Shape.of(2, 1, 28, 28));
      Tensor loss = vae.loss(Batch.of(x, null), PhiloxStream.seeded(7));
      assertThat(loss.item()).isPositive();
      assertEveryParameterGetsAGradient(vae, loss);
    }
  }

  @Test
  void gaussianAndContinuousBernoulliLikelihoods() {
    try (Vae learned = Vae.mlp(Shape.of(784), 32, 3, Activation::relu, Likelihood.gaussianLearnedVariance(),
        params(8));
        Vae cb = Vae.mlp(Shape.of(784), 32, 3, Activation::relu, Likelihood.continuousBernoulli(), params(9));
        Vae fixed = Vae.convolutional(3, Likelihood.gaussian(0.1), params(10))) {
      assertThat(learned.namedParameters().get("decoder.2.weight").shape()).isEqualTo(Shape.of(2 * 784, 32));
      Tensor x = digits(2, Shape.of(784));
      Distribution p = learned.decode(learned.encode(x).mean());
      assertThat(p.eventShape()).isEqualTo(Shape.of(784));
      assertThat(p.mean().shape()).isEqualTo(Shape.of(2, 784));
      assertThat(cb.decode(cb.encode(x).mean()).logProb(x).shape()).isEqualTo(Shape.of(2));
      Tensor img = digits(2, Shape.of(1, 28, 28));
      assertThat(fixed.decode(fixed.encode(img).mean()).logProb(img).shape()).isEqualTo(Shape.of(2));
      assertThat(Double.isFinite(learned.loss(Batch.of(x, null), PhiloxStream.seeded(11)).item())).isTrue();
      assertThat(Double.isFinite(cb.loss(Batch.of(x, null), PhiloxStream.seeded(12)).item())).isTrue();
    }
  }

  @Test
  void conditionalVaeConcatenatesLabelsAndGivesAGenericView() {
    try (ConditionalVae cvae = ConditionalVae.mlp(Shape.of(784), 10, 64, 2, params(13))) {
      assertThat(cvae.namedParameters().get("encoder.1.weight").shape()).isEqualTo(Shape.of(64, 794));
      assertThat(cvae.namedParameters().get("decoder.0.weight").shape()).isEqualTo(Shape.of(64, 12));
      Tensor x = digits(4, Shape.of(784));
      Tensor y = f.of(java.util.Arrays.copyOf(MnistSubset.get().labels(), 4), Shape.of(4));
      VariationalModel view = cvae.conditionedOn(y);
      assertThat(view.encode(x).eventShape()).isEqualTo(Shape.of(2));
      assertThat(view.decode(f.zeros(Shape.of(5, 4, 2), x.dtype())).batchShape()).isEqualTo(Shape.of(5, 4));
      double elbo = Elbo.builder().build().compute(view, x, PhiloxStream.seeded(14)).elbo();
      assertThat(elbo).isNegative();
      Tensor loss = cvae.loss(Batch.of(x, y), PhiloxStream.seeded(15));
      assertThat(loss.item()).isPositive();
      assertEveryParameterGetsAGradient(cvae, loss);
      assertThat(cvae.sample(12, PhiloxStream.seeded(16)).shape()).isEqualTo(Shape.of(12, 784));
      assertThat(cvae.reconstruct(x, y).shape()).isEqualTo(Shape.of(4, 784));
      assertThat(cvae.encodeMean(x, y).shape()).isEqualTo(Shape.of(4, 2));
      assertThat(cvae.interpolate(x.slice(0, 0, 1).reshape(784), x.slice(0, 1, 2).reshape(784), 7, 5).shape())
          .isEqualTo(Shape.of(5, 784));
      assertThatThrownBy(() -> cvae.loss(Batch.of(x, null), PhiloxStream.seeded(17)))
          .hasMessageContaining("no labels");
      view.close();
      assertThat(cvae.namedParameters().get("encoder.1.weight").isClosed()).isFalse();
    }
  }

  @Test
  void autoencoderSharesTheLayoutAndLearnsNothingStochastic() {
    try (Autoencoder ae = Autoencoder.mlp(Shape.of(784), 64, 5, Activation::relu, params(18));
        Autoencoder conv = Autoencoder.convolutional(5, params(19))) {
      assertThat(ae.namedParameters().get("encoder.3.weight").shape()).isEqualTo(Shape.of(5, 64));
      Tensor x = digits(3, Shape.of(784));
      double a = ae.loss(Batch.of(x, null), PhiloxStream.seeded(20)).item();
      double b = ae.loss(Batch.of(x, null), PhiloxStream.seeded(21)).item();
      assertThat(a).isEqualTo(b).isBetween(300.0, 800.0);
      assertEveryParameterGetsAGradient(ae, ae.loss(Batch.of(x, null), PhiloxStream.seeded(20)));
      assertThat(ae.encodeMean(x).shape()).isEqualTo(Shape.of(3, 5));
      assertThat(ae.sample(2, PhiloxStream.seeded(22)).shape()).isEqualTo(Shape.of(2, 784));
      assertThat(ae.interpolate(x.slice(0, 0, 1).reshape(784), x.slice(0, 2, 3).reshape(784), 4).shape())
          .isEqualTo(Shape.of(4, 784));
      Tensor img = digits(2, Shape.of(1, 28, 28));
      assertThat(conv.reconstruct(img).shape()).isEqualTo(Shape.of(2, 1, 28, 28));
    }
  }

  @Test
  void float64ParametersGiveAFloat64Model() {
    ParameterFactory p64 = new ParameterFactory(f, DType.FLOAT64, PhiloxStream.seeded(24));
    try (Vae vae = Vae.mlp(Shape.of(784), 16, 2, () -> Activation.elu(1.0), Likelihood.bernoulli(), p64)) {
      Tensor x = digits(2, Shape.of(784)).cast(DType.FLOAT64);
      assertThat(vae.prior().sample(PhiloxStream.seeded(25), Shape.of(3)).dtype())
          .isEqualTo(DType.FLOAT64);
      Tensor loss = vae.loss(Batch.of(x, null), PhiloxStream.seeded(26));
      assertThat(loss.dtype()).isEqualTo(DType.FLOAT64);
      assertEveryParameterGetsAGradient(vae, loss);
    }
  }

  @Test
  void sameSeedBuildsTheSameModel() {
    try (Vae a = Vae.pytorchExample(params(23)); Vae b = Vae.pytorchExample(params(23))) {
      for (String name : a.namedParameters().keySet()) {
        assertThat(a.namedParameters().get(name).toFloatArray()).as(name)
            .isEqualTo(b.namedParameters().get(name).toFloatArray());
      }
    }
  }

  private static void assertEveryParameterGetsAGradient(Module m, Tensor loss) {
    loss.backward();
    for (var param : m.namedParameters().entrySet()) {
      assertThat(param.getValue().grad()).as("gradient of %s", param.getKey()).isNotNull();
      assertThat(param.getValue().grad().abs().sum().item()).as("gradient of %s", param.getKey()).isPositive();
    }
  }
}
