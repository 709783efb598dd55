package org.vae4j.examples.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import org.vae4j.examples.app.CommandContext;
import org.vae4j.examples.app.CommandFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command {@code vae4j}. Subcommands are registered in the {@code subcommands} attribute below:
 * adding a command is writing its {@code @Command} class and adding it there. A command that needs the
 * model recipes or the data sets takes a {@link CommandContext} in its constructor ({@link CommandFactory}
 * hands it over); one that needs nothing has a no-argument constructor. On its own {@code vae4j} only
 * answers {@code --help}, {@code --version} and {@code help}.
 *
 * <p>Every error ends as one line {@code vae4j: <message>} on stderr (with the stack trace only under
 * {@code --verbose}) and the exit codes of {@link ExitCodes}.
 */
@Command(name = "vae4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    subcommands = {TrainCommand.class, SampleCommand.class, ReconstructCommand.class, EncodeCommand.class,
        CompleteCommand.class, CompareCommand.class, BackendsCommand.class, BenchCommand.class, ExportCommand.class,
        ServeCommand.class,
        CommandLine.HelpCommand.class},
    description = "Variational autoencoders and variational inference on pluggable compute backends.",
    footer = {"", "Exit codes: 0 success, 1 failure, 2 wrong options or input."})
public final class Vae4jCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = ErrorHandler.VERBOSE, scope = ScopeType.INHERIT,
      description = "Log more and show the stack trace of errors.")
  private boolean verbose;

  /** Runs {@code vae4j} and exits the JVM with its exit code. */
  public static void main(String[] args) {
    if (Arrays.asList(args).contains(ErrorHandler.VERBOSE)) {
      // read by slf4j-simple when the first logger is made
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    System.exit(commandLine().execute(args));
  }

  /**
   * A command line for {@code vae4j} with its error handling in place. Add subcommands to it before
   * calling {@link CommandLine#setOut} or {@link CommandLine#setErr}, which apply to the subcommands present
   * at that moment.
   */
  public static CommandLine commandLine() {
    return commandLine(CommandContext.standard());
  }

  /** As {@link #commandLine()}, with the commands given {@code context} (a test's own recipes or data folders). */
  public static CommandLine commandLine(CommandContext context) {
    ErrorHandler handler = new ErrorHandler();
    return new CommandLine(new Vae4jCommand(), new CommandFactory(context)).setParameterExceptionHandler(handler)
        .setExecutionExceptionHandler(handler);
  }

  /** {@code vae4j} without a subcommand is a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: give one of "
        + String.join(", ", spec.subcommands().keySet()));
  }
}
