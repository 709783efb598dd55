package org.vae4j.examples.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vae4j.api.Shape;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.train.TrainableModel;

class ModelRecipesTest {
  /** A recipe of this name and description that builds nothing. */
  private static ModelRecipe renamed(String kind, String description) {
    return new ModelRecipe() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public Shape exampleShape(ModelSpec spec) {
        return Shape.of(spec.pixels());
      }

      @Override
      public TrainableModel create(ModelSpec spec, ParameterFactory parameters) {
        throw new UnsupportedOperationException("a recipe for names only");
      }

      @Override
      public String lossLabel() {
        return "none";
      }

      @Override
      public void drawPictures(TrainableModel model, PictureContext context) {
        throw new UnsupportedOperationException("a recipe for names only");
      }
    };
  }

  @Test
  void theStandardRecipesAreFoundByTheirNames() {
    ModelRecipes standard = ModelRecipes.standard();
    assertThat(standard.names()).containsExactly("bnn", "convvae", "cvae", "gated-pixelcnn", "pixelcnn", "pixelrnn",
        "vae", "vqvae");
    assertThat(standard.asMap().keySet()).containsExactly("vae", "cvae", "convvae", "bnn", "vqvae", "pixelcnn",
        "gated-pixelcnn", "pixelrnn");
    assertThat(standard.find("cvae")).get().isInstanceOf(CvaeRecipe.class);
    assertThat(standard.find("gan")).isEmpty();
  }

  @Test
  void twoRecipesOfOneNameAreRefused() {
    assertThatThrownBy(() -> ModelRecipes.of(new VaeRecipe(), renamed("vae", "another")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("model recipes: two recipes are named 'vae': org.vae4j.examples.train.VaeRecipe and "
            + "org.vae4j.examples.train.ModelRecipesTest$");
  }

  @Test
  void helpLinesPadTheNamesAndWrapLongDescriptionsUnderTheirFirstWord() {
    String words = "a description long enough to need a second line in a terminal of eighty columns, and then some";
    assertThat(ModelRecipes.of(renamed("ab", "short"), renamed("long-name", words)).helpLines()).containsExactly(
        "  ab         short",
        "  long-name  a description long enough to need a second line in a terminal of",
        "             eighty columns, and then some");
  }
}
