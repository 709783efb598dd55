package org.vae4j.spark.score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.spark.bridge.ExamplesAdapter;

/**
 * The models of one JVM, built once per {@link ModelPackage#checksum()} and kept for the JVM's life, so that
 * every task of an executor shares one backend and one model. Thread-safe.
 */
public final class ExecutorModels {
  private static final Map<String, LoadedModel> MODELS = new ConcurrentHashMap<>();

  private ExecutorModels() {
  }

  /** The model of {@code pkg}, built on first use in this JVM. */
  public static LoadedModel get(ModelPackage pkg) {
    return MODELS.computeIfAbsent(pkg.checksum() + "@" + pkg.backend() + ":" + pkg.device(), k -> build(pkg));
  }

  /** How many models this JVM has built (for tests). */
  static int built() {
    return MODELS.size();
  }

  private static LoadedModel build(ModelPackage pkg) {
    try {
      Path folder = Files.createTempDirectory("vae4j-model-" + pkg.checksum().substring(0, 12));
      Files.writeString(folder.resolve(RunConfig.FILE), pkg.runJson(), StandardCharsets.UTF_8);
      Path checkpoint = folder.resolve("model.safetensors");
      Files.write(checkpoint, pkg.checkpoint());
      RunConfig config = ExamplesAdapter.config(folder, "the broadcast run " + pkg.checksum().substring(0, 12));
      ModelRecipe recipe = ExamplesAdapter.recipe(config.spec().kind());
      TensorFactory tensors = ExamplesAdapter.tensors(pkg.backend(), pkg.device());
      TrainableModel model = recipe.create(config.spec(), ParameterFactory.of(tensors, PhiloxStream.seeded(0)));
      Checkpoint.read(checkpoint).restoreParameters(model);
      model.train(false);
      Files.delete(checkpoint);
      Files.delete(folder.resolve(RunConfig.FILE));
      Files.delete(folder);
      return new LoadedModel(config.spec().kind(), model, tensors, recipe.exampleShape(config.spec()),
          config.spec().classes(), config.spec().latent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rebuild the broadcast model " + pkg.checksum().substring(0, 12) + ": "
          + e.getMessage(), e);
    }
  }
}
