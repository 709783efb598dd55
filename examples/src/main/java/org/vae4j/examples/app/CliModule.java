package org.vae4j.examples.app;

import com.google.inject.AbstractModule;
import org.vae4j.examples.data.Datasets;

/**
 * The bindings every {@code vae4j} command shares: where data sets are found and the models known. The
 * commands themselves are made by Guice ({@link GuiceFactory}); a training run adds a {@link RunModule}.
 */
public final class CliModule extends AbstractModule {
  private final Datasets datasets;

  /** Data sets found where the Debian packages put them. */
  public CliModule() {
    this(new Datasets());
  }

  /** Data sets resolved by {@code datasets} (tests point Fashion-MNIST elsewhere). */
  public CliModule(Datasets datasets) {
    this.datasets = datasets;
  }

  @Override
  protected void configure() {
    bind(Datasets.class).toInstance(datasets);
    install(new ModelsModule());
  }
}
