package org.vae4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.estimators.Elbo;
import org.vae4j.core.estimators.LogLikelihood;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.models.ConditionalVae;
import org.vae4j.models.Vae;
import org.vae4j.models.bayes.BayesianMlp;
import org.vae4j.models.vq.PixelCnnPrior;
import org.vae4j.models.vq.VqVae;
import org.vae4j.models.vq.VqVaePipeline;
import org.vae4j.serve.model.Rows;
import org.vae4j.serve.model.ServedModels;

/**
 * Every endpoint against the library on the same model, inputs and seed, through a real server on a
 * loopback port: the answers must be equal to the float (requests here run one at a time, so none is merged
 * with another).
 */
class EndpointsMatchLibraryTest {
  private static final Rows IMAGES = Fixtures.discs(3, 99);
  private static TensorFactory f;
  private static Vae vae;
  private static ConditionalVae cvae;
  private static VqVae vq;
  private static PixelCnnPrior prior;
  private static BayesianMlp bnn;
  private static ServeServer vaeServer;
  private static ServeServer cvaeServer;
  private static ServeServer vqServer;
  private static ServeServer bnnServer;
  private static Http vaeHttp;
  private static Http cvaeHttp;
  private static Http vqHttp;
  private static Http bnnHttp;

  @BeforeAll
  static void serve() {
    f = Fixtures.tensors("pure");
    vae = Fixtures.trainedVae(f);
    cvae = Fixtures.cvae(f);
    vq = Fixtures.vqVae(f);
    prior = Fixtures.prior(f);
    bnn = Fixtures.bnn(f);
    ServeOptions o = ServeOptions.defaults();
    vaeServer = ServeServer.start(ServedModels.of(vae, Fixtures.info("vae"), 0), IMAGES, o);
    cvaeServer = ServeServer.start(ServedModels.of(cvae, Fixtures.info("cvae"), 0), null, o);
    vqServer = ServeServer.start(ServedModels.vqVaeWithPrior(vq, prior, Fixtures.info("pixelcnn")), null, o);
    bnnServer = ServeServer.start(ServedModels.of(bnn, Fixtures.info("bnn"), Fixtures.CLASSES), null, o);
    vaeHttp = new Http(vaeServer.uri(), null);
    cvaeHttp = new Http(cvaeServer.uri(), null);
    vqHttp = new Http(vqServer.uri(), null);
    bnnHttp = new Http(bnnServer.uri(), null);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {vaeServer, cvaeServer, vqServer, bnnServer, vae, cvae, vq, prior, bnn}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Tensor x() {
    return f.of(IMAGES.values(), Shape.of(IMAGES.count(), Fixtures.PIXELS));
  }

  private static JsonObject images() {
    JsonObject b = new JsonObject();
    b.add("images", Http.array(IMAGES));
    return b;
  }

  private static JsonObject ok(Http.Answer a) {
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.header("Content-Type")).startsWith("application/json");
    return a.json();
  }

  @Test
  void vaeEncodeGivesThePosteriorMeansAndLogVariances() {
    JsonObject r = ok(vaeHttp.post("/encode", images()));
    try (Scope s = Scope.open(); NoGrad g = NoGrad.enter()) {
      var q = vae.encode(x());
      assertThat(Http.floats(r.get("mean"))).containsExactly(q.mean().toFloatArray());
      assertThat(Http.floats(r.get("logVariance"))).containsExactly(q.variance().log().toFloatArray());
    }
  }

  @Test
  void vaeDecodeGivesTheDecodedMeans() {
    float[] z = {0.5f, -1.25f, 2f, 0f};
    JsonObject b = new JsonObject();
    b.add("latents", Http.array(Rows.of(z, 2)));
    JsonObject r = ok(vaeHttp.post("/decode", b));
    try (Scope s = Scope.open(); NoGrad g = NoGrad.enter()) {
      float[] expected = vae.decode(f.of(z, Shape.of(2, 2))).mean().toFloatArray();
      assertThat(Http.floats(r.get("images"))).containsExactly(expected);
    }
  }

  @Test
  void vaeDecodeAsPngGivesGreyPngFiles() throws Exception {
    JsonObject b = new JsonObject();
    b.add("latents", Http.array(Rows.of(new float[] {0, 0}, 1)));
    b.addProperty("format", "png");
    JsonObject r = ok(vaeHttp.post("/decode", b));
    byte[] png = Base64.getDecoder().decode(r.getAsJsonArray("png").get(0).getAsString());
    var img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    assertThat(img.getWidth()).isEqualTo(28);
    assertThat(img.getHeight()).isEqualTo(28);
  }

  @Test
  void vaeSampleIsTheLibrarysSampleForTheSameSeed() {
    JsonObject b = new JsonObject();
    b.addProperty("n", 5);
    b.addProperty("seed", 1234);
    JsonObject r = ok(vaeHttp.post("/sample", b));
    try (Scope s = Scope.open()) {
      float[] expected = vae.sample(5, PhiloxStream.seeded(1234)).toFloatArray();
      assertThat(Http.floats(r.get("images"))).containsExactly(expected);
    }
    assertThat(Http.floats(ok(vaeHttp.post("/sample", b)).get("images"))).containsExactly(Http.floats(r.get("images")));
  }

  @Test
  void vaeReconstructIsTheLibrarys() {
    JsonObject r = ok(vaeHttp.post("/reconstruct", images()));
    try (Scope s = Scope.open()) {
      assertThat(Http.floats(r.get("images"))).containsExactly(vae.reconstruct(x()).toFloatArray());
    }
  }

  @Test
  void vaeScoreIsTheNegativeElboAndTheImportanceSampledLogLikelihood() {
    JsonObject b = images();
    b.addProperty("k", 50);
    b.addProperty("seed", 77);
    JsonObject r = ok(vaeHttp.post("/score", b));
    try (Scope s = Scope.open(); NoGrad g = NoGrad.enter()) {
      PhiloxStream rng = PhiloxStream.seeded(77);
      double[] elbo = Elbo.builder().build().compute(vae, x(), rng).perExample().neg().toDoubleArray();
      double[] ll = LogLikelihood.estimate(vae, x(), rng, 50).toDoubleArray();
      assertThat(Http.doubles(r.get("negativeElbo"))).containsExactly(elbo);
      assertThat(Http.doubles(r.get("logLikelihood"))).containsExactly(ll);
      assertThat(r.get("k").getAsInt()).isEqualTo(50);
    }
  }

  @Test
  void vaeInterpolateIsTheLibrarys() {
    JsonObject b = new JsonObject();
    b.add("from", Http.array(IMAGES.row(0)));
    b.add("to", Http.array(IMAGES.row(1)));
    b.addProperty("steps", 6);
    JsonObject r = ok(vaeHttp.post("/interpolate", b));
    try (Scope s = Scope.open()) {
      Tensor a = f.of(IMAGES.row(0), Shape.of(Fixtures.PIXELS));
      Tensor c = f.of(IMAGES.row(1), Shape.of(Fixtures.PIXELS));
      assertThat(Http.floats(r.get("images"))).containsExactly(vae.interpolate(a, c, 6).toFloatArray());
    }
  }

  @Test
  void cvaeRoutesUseTheLabels() {
    int[] labels = {3, 0, 2};
    JsonObject b = images();
    b.add("labels", Http.array(labels));
    JsonObject enc = ok(cvaeHttp.post("/encode", b));
    JsonObject rec = ok(cvaeHttp.post("/reconstruct", b));
    JsonObject sample = new JsonObject();
    sample.addProperty("n", 3);
    sample.addProperty("seed", 5);
    sample.add("labels", Http.array(labels));
    JsonObject drawn = ok(cvaeHttp.post("/sample", sample));
    try (Scope s = Scope.open()) {
      Tensor y = f.of(labels, Shape.of(3));
      assertThat(Http.floats(enc.get("mean"))).containsExactly(cvae.encodeMean(x(), y).toFloatArray());
      assertThat(Http.floats(rec.get("images"))).containsExactly(cvae.reconstruct(x(), y).toFloatArray());
      assertThat(Http.floats(drawn.get("images"))).containsExactly(cvae.sample(y, PhiloxStream.seeded(5)).toFloatArray());
    }
  }

  @Test
  void vqRoutesAreTheVqVaesAndItsPriors() {
    JsonObject enc = ok(vqHttp.post("/encode", images()));
    JsonObject rec = ok(vqHttp.post("/reconstruct", images()));
    JsonObject sample = new JsonObject();
    sample.addProperty("n", 2);
    sample.addProperty("seed", 8);
    JsonObject drawn = ok(vqHttp.post("/sample", sample));
    JsonObject scored = ok(vqHttp.post("/score", images()));
    try (Scope s = Scope.open(); NoGrad g = NoGrad.enter()) {
      Tensor images = f.of(IMAGES.values(), Shape.of(3, 1, 28, 28));
      Tensor codes = vq.encodeToCodes(images);
      assertThat(Http.floats(enc.get("codes"))).containsExactly(codes.cast(org.vae4j.api.DType.FLOAT32).toFloatArray());
      assertThat(Http.floats(rec.get("images"))).containsExactly(vq.reconstruct(images).toFloatArray());
      assertThat(Http.floats(drawn.get("images")))
          .containsExactly(VqVaePipeline.sampleImages(vq, prior, 2, PhiloxStream.seeded(8)).toFloatArray());
      double[] bce = org.vae4j.core.Functions.bceWithLogits(vq.forward(images).logits(), images).reshape(3, -1).sum(1)
          .toDoubleArray();
      double[] logPrior = prior.logProb(codes).toDoubleArray();
      double[] score = Http.doubles(scored.get("negativeElbo"));
      for (int i = 0; i < 3; i++) {
        assertThat(score[i]).isCloseTo(bce[i] - logPrior[i], org.assertj.core.api.Assertions.within(1e-3));
      }
      assertThat(scored.has("logLikelihood")).isFalse();

      JsonObject b = new JsonObject();
      b.add("latents", enc.get("codes"));
      JsonObject dec = ok(vqHttp.post("/decode", b));
      assertThat(Http.floats(dec.get("images"))).containsExactly(vq.decodeCodes(codes).toFloatArray());
    }
  }

  @Test
  void bnnPredictIsThePredictiveDistributionOfTheLibrary() {
    JsonObject b = images();
    b.addProperty("samples", 7);
    b.addProperty("seed", 21);
    JsonObject r = ok(bnnHttp.post("/predict", b));
    try (Scope s = Scope.open()) {
      BayesianMlp.ClassPrediction p = bnn.predictClasses(x(), 7, PhiloxStream.seeded(21));
      assertThat(Http.floats(r.get("mean"))).containsExactly(p.probabilities().toFloatArray());
      assertThat(Http.doubles(r.get("entropy"))).containsExactly(p.entropy().toDoubleArray());
      float[] std = Http.floats(r.get("std"));
      assertThat(std).hasSize(3 * Fixtures.CLASSES);
      for (float v : std) {
        assertThat(v).isBetween(0f, 0.5f);
      }
      assertThat(r.getAsJsonArray("predicted")).hasSize(3);
    }
  }

  @Test
  void infoAndOpenApiDescribeTheModelAndTheLimits() {
    JsonObject info = ok(vaeHttp.get("/info"));
    assertThat(info.get("kind").getAsString()).isEqualTo("vae");
    assertThat(info.getAsJsonObject("latent").get("dimensions").getAsInt()).isEqualTo(2);
    assertThat(info.getAsJsonArray("operations").toString()).contains("/encode", "/interpolate")
        .doesNotContain("/predict");
    JsonObject api = ok(vaeHttp.get("/openapi.json"));
    assertThat(api.get("openapi").getAsString()).startsWith("3.");
    assertThat(api.getAsJsonObject("paths").keySet()).contains("/encode", "/decode", "/sample", "/reconstruct",
        "/score", "/interpolate", "/health", "/metrics").doesNotContain("/predict");
    JsonObject images = api.getAsJsonObject("paths").getAsJsonObject("/encode").getAsJsonObject("post")
        .getAsJsonObject("requestBody").getAsJsonObject("content").getAsJsonObject("application/json")
        .getAsJsonObject("schema").getAsJsonObject("properties").getAsJsonObject("images");
    assertThat(images.get("maxItems").getAsInt()).isEqualTo(ServeOptions.defaults().maxImages());
    assertThat(api.getAsJsonObject("x-limits").get("maxBodyBytes").getAsInt())
        .isEqualTo(ServeOptions.defaults().maxBodyBytes());
    JsonObject ex = ok(vaeHttp.get("/examples"));
    assertThat(ex.getAsJsonArray("images")).hasSize(3);
    assertThat(ok(bnnHttp.get("/info")).getAsJsonArray("operations").toString()).isEqualTo("[\"/predict\"]");
  }

  @Test
  void metricsCountRequestsAndLatencies() {
    ok(vaeHttp.post("/reconstruct", images()));
    JsonObject m = ok(vaeHttp.get("/metrics"));
    JsonObject route = m.getAsJsonObject("routes").getAsJsonObject("/reconstruct");
    assertThat(route.get("requests").getAsLong()).isPositive();
    assertThat(route.getAsJsonObject("latencyMillis").get("p99").getAsDouble()).isPositive();
    assertThat(m.getAsJsonObject("queue").get("capacity").getAsInt()).isEqualTo(64);
  }
}
