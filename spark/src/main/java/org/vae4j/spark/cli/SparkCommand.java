package org.vae4j.spark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j spark}: scoring and data-parallel training on Apache Spark. The main class of the
 * {@code vae4j-spark} jar, for {@code ./vae4j spark ...} and for {@code spark-submit}.
 */
@Command(name = "vae4j spark", mixinStandardHelpOptions = true, subcommands = {SparkTrainCommand.class,
    SparkScoreCommand.class, CommandLine.HelpCommand.class},
    description = "vae4j on Apache Spark: score tables with a trained run, train on several workers at once.",
    footer = {"", "Exit codes: 0 success, 1 failure, 2 wrong options or input."})
public final class SparkCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  /** Runs {@code vae4j spark} and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its error handling. */
  public static CommandLine commandLine() {
    SparkErrors errors = new SparkErrors();
    return new CommandLine(new SparkCommand()).setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors);
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: give one of train, score");
  }
}
