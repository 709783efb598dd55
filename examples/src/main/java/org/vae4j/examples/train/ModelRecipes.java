package org.vae4j.examples.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The models {@code vae4j train} knows, by the name given on the command line ({@link ModelRecipe#kind()}).
 * {@link #standard()} is the one place a recipe is added: write the {@link ModelRecipe} and add one line
 * there; {@code train}'s help, its "unknown model" message and the loaders of trained runs all read this
 * list. Immutable and thread-safe (as the recipes are).
 */
public final class ModelRecipes {
  /** Help lines are at most this long (picocli wraps its usage at 80 columns). */
  public static final int HELP_WIDTH = 79;

  private final Map<String, ModelRecipe> byName;

  private ModelRecipes(Map<String, ModelRecipe> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** Every model vae4j ships, in the order {@code train --help} lists them. */
  public static ModelRecipes standard() {
    return of(new VaeRecipe(), new CvaeRecipe(), new ConvVaeRecipe(), new BnnRecipe(), new VqVaeRecipe(),
        new PixelCnnRecipe(), new GatedPixelCnnRecipe(), new PixelRnnRecipe());
  }

  /**
   * These recipes under their names, in this order.
   *
   * @throws IllegalArgumentException when two recipes have the same name
   */
  public static ModelRecipes of(ModelRecipe... recipes) {
    Map<String, ModelRecipe> byName = new LinkedHashMap<>();
    for (ModelRecipe r : recipes) {
      if (byName.putIfAbsent(r.kind(), r) != null) {
        throw new IllegalArgumentException("model recipes: two recipes are named '" + r.kind() + "': "
            + byName.get(r.kind()).getClass().getName() + " and " + r.getClass().getName());
      }
    }
    return new ModelRecipes(byName);
  }

  /** The recipe named {@code kind}, or empty. */
  public Optional<ModelRecipe> find(String kind) {
    return Optional.ofNullable(byName.get(kind));
  }

  /** The names, sorted, for messages ({@code bnn, convvae, ...}). */
  public Set<String> names() {
    return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
  }

  /** The recipes by name, in the order given. */
  public Map<String, ModelRecipe> asMap() {
    return byName;
  }

  /**
   * The models for {@code --help}: {@code "  vae      MLP VAE ..."}, names padded to one column, descriptions
   * wrapped to {@value #HELP_WIDTH} characters under their first word.
   */
  public List<String> helpLines() {
    int column = 2 + byName.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
    List<String> lines = new ArrayList<>();
    for (ModelRecipe r : byName.values()) {
      StringBuilder line = new StringBuilder("  ").append(r.kind()).append(" ".repeat(column - 2 - r.kind().length()));
      int start = 0;
      for (String word : r.description().split(" ")) {
        if (line.length() - start > column && line.length() - start + 1 + word.length() > HELP_WIDTH) {
          lines.add(line.substring(start));
          start = line.length();
          line.append(" ".repeat(column));
        } else if (line.length() - start > column) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.substring(start));
    }
    return lines;
  }
}
