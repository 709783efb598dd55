package org.vae4j.examples.app;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.vae4j.examples.train.BnnRecipe;
import org.vae4j.examples.train.ConvVaeRecipe;
import org.vae4j.examples.train.CvaeRecipe;
import org.vae4j.examples.train.GatedPixelCnnRecipe;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.PixelCnnRecipe;
import org.vae4j.examples.train.PixelRnnRecipe;
import org.vae4j.examples.train.VaeRecipe;
import org.vae4j.examples.train.VqVaeRecipe;

/** Binds every model {@code vae4j train} knows, by the name given on the command line. */
public final class ModelsModule extends AbstractModule {

  @Override
  protected void configure() {
    MapBinder<String, ModelRecipe> recipes = MapBinder.newMapBinder(binder(), String.class, ModelRecipe.class);
    recipes.addBinding("vae").to(VaeRecipe.class);
    recipes.addBinding("cvae").to(CvaeRecipe.class);
    recipes.addBinding("convvae").to(ConvVaeRecipe.class);
    recipes.addBinding("bnn").to(BnnRecipe.class);
    recipes.addBinding("vqvae").to(VqVaeRecipe.class);
    recipes.addBinding("pixelcnn").to(PixelCnnRecipe.class).in(com.google.inject.Singleton.class);
    recipes.addBinding("gated-pixelcnn").to(GatedPixelCnnRecipe.class);
    recipes.addBinding("pixelrnn").to(PixelRnnRecipe.class);
  }
}
