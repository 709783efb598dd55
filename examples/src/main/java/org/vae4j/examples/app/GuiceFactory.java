package org.vae4j.examples.app;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Lets picocli make commands, mixins and converters through Guice, so commands get their collaborators by
 * constructor injection. Classes Guice cannot make (picocli's own, collections) come from picocli's default
 * factory. Thread-safe as the injector is.
 */
public final class GuiceFactory implements IFactory {
  private final Injector injector;
  private final IFactory fallback = CommandLine.defaultFactory();

  /** A factory over {@code injector}. */
  public GuiceFactory(Injector injector) {
    this.injector = injector;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    if (type.isInterface() || type.getName().startsWith("picocli.") || type.getName().startsWith("java.")) {
      return fallback.create(type);
    }
    try {
      return injector.getInstance(type);
    } catch (ConfigurationException e) {
      return fallback.create(type);
    }
  }
}
