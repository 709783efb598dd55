package org.vae4j.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.vae4j.core.BackendSelectionException;
import org.vae4j.core.data.DatasetException;
import org.vae4j.examples.run.RunDirectoryException;
import org.vae4j.examples.train.RunInputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every error of a {@code vae4j} command into one line {@code vae4j: <message>} on the command's error
 * stream and an exit code ({@link ExitCodes}). The stack trace follows only when {@code --verbose} was given.
 * Stateless and thread-safe.
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {
  static final String VERBOSE = "--verbose";

  /** Exceptions whose message is written for a person; others are shown with their type. */
  private static final List<Class<? extends Exception>> EXPECTED = List.of(DatasetException.class,
      RunDirectoryException.class, BackendSelectionException.class, UncheckedIOException.class, IllegalArgumentException.class,
      IllegalStateException.class, UnsupportedOperationException.class);

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String message = oneLine(ex.getMessage());
    if (ex instanceof UnmatchedArgumentException unmatched && !cmd.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
      message = "unknown command '" + unmatched.getUnmatched().get(0) + "': give one of "
          + String.join(", ", cmd.getSubcommands().keySet());
    } else if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      List<String> s = unmatched.getSuggestions();
      message += "; did you mean " + String.join(" or ", s.subList(0, Math.min(3, s.size()))) + "?";
    }
    message += " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')";
    report(cmd.getErr(), message, ex, Arrays.asList(args).contains(VERBOSE));
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof ParameterException p) {
      return handleParseException(p, parseResult.originalArgs().toArray(new String[0]));
    }
    boolean verbose = verbose(parseResult);
    boolean expected = EXPECTED.stream().anyMatch(c -> c.isInstance(ex));
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : oneLine(ex.getMessage());
    if (!expected) {
      message = "internal error: " + ex.getClass().getName() + ": " + message
          + (verbose ? "" : " (run with --verbose for the stack trace)");
    }
    report(cmd.getErr(), message, ex, verbose);
    boolean usage = ex instanceof DatasetException || ex instanceof RunDirectoryException
        || ex instanceof BackendSelectionException || ex instanceof RunInputException;
    return usage ? ExitCodes.USAGE : ExitCodes.FAILURE;
  }

  private static void report(PrintWriter err, String message, Exception ex, boolean verbose) {
    err.println("vae4j: " + message);
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
  }

  private static boolean verbose(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(VERBOSE)) {
        return true;
      }
    }
    return false;
  }

  private static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
