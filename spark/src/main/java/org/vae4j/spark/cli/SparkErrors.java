package org.vae4j.spark.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.vae4j.core.BackendSelectionException;
import org.vae4j.core.data.DatasetException;
import org.vae4j.examples.run.RunDirectoryException;
import org.vae4j.spark.SparkInputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Every error of {@code vae4j spark} as one line {@code vae4j: <message>} on stderr and an exit code: 2 for
 * the user's input (options, run folders, tables, masters, slots, ports), 1 for anything else. The stack
 * trace follows under {@code --verbose}. Stateless.
 */
final class SparkErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  static final String VERBOSE = "--verbose";
  static final int USAGE = 2;
  static final int FAILURE = 1;

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    report(ex.getCommandLine().getErr(), oneLine(ex.getMessage()) + " (see '"
        + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')", ex, java.util.Arrays.asList(args)
        .contains(VERBOSE));
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    if (ex instanceof ParameterException p) {
      return handleParseException(p, parsed.originalArgs().toArray(new String[0]));
    }
    boolean usage = ex instanceof SparkInputException || ex instanceof RunDirectoryException
        || ex instanceof DatasetException || ex instanceof BackendSelectionException
        || ex instanceof IllegalArgumentException;
    boolean expected = usage || ex instanceof IllegalStateException || ex instanceof UncheckedIOException
        || ex instanceof UnsupportedOperationException;
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : oneLine(ex.getMessage());
    if (!expected) {
      message = "internal error: " + ex.getClass().getName() + ": " + message;
    }
    report(cmd.getErr(), message, ex, parsed.originalArgs().contains(VERBOSE));
    return usage ? USAGE : FAILURE;
  }

  private static void report(PrintWriter err, String message, Exception ex, boolean verbose) {
    err.println("vae4j: " + message);
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
  }

  private static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
