package org.vae4j.examples.app;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Makes picocli's commands: a class with a constructor taking one {@link CommandContext} gets the shared
 * context through it; every other class (commands without collaborators, mixins, converters, picocli's own)
 * comes from picocli's default factory. This is the whole of the command line's wiring: there is no container,
 * so what a command uses is what its constructor takes. Thread-safe.
 */
public final class CommandFactory implements IFactory {
  private final CommandContext context;
  private final IFactory fallback = CommandLine.defaultFactory();

  /** A factory handing {@code context} to the commands that take it. */
  public CommandFactory(CommandContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> withContext;
    try {
      withContext = type.getDeclaredConstructor(CommandContext.class);
    } catch (NoSuchMethodException e) {
      return fallback.create(type);
    }
    withContext.setAccessible(true);
    try {
      return withContext.newInstance(context);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
