package org.vae4j.examples.app;

import java.util.Objects;
import org.vae4j.examples.data.Datasets;
import org.vae4j.examples.train.ModelRecipes;

/**
 * What the {@code vae4j} commands share: the models they know ({@link ModelRecipes}) and where data sets are
 * found ({@link Datasets}). A command that needs them takes a {@code CommandContext} in its constructor (see
 * {@link CommandFactory}); tests build one with their own recipes or data folders. Immutable and thread-safe.
 *
 * @param recipes  the models {@code train} builds and the loaders rebuild
 * @param datasets where {@code --data} names are resolved
 */
public record CommandContext(ModelRecipes recipes, Datasets datasets) {
  public CommandContext {
    Objects.requireNonNull(recipes, "recipes");
    Objects.requireNonNull(datasets, "datasets");
  }

  /** The models vae4j ships and the data sets where the Debian packages put them. */
  public static CommandContext standard() {
    return new CommandContext(ModelRecipes.standard(), new Datasets());
  }

  /** A loader of trained runs over these recipes and data sets. */
  public ModelLoader modelLoader() {
    return new ModelLoader(recipes, datasets);
  }
}
