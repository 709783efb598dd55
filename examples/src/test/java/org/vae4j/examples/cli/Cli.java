package org.vae4j.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.vae4j.examples.app.CommandContext;
import picocli.CommandLine;

/** Runs the real {@code vae4j} command line in this JVM and keeps what it printed. */
final class Cli {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  private final CommandContext context;

  /** The command line as {@code vae4j} runs it. */
  Cli() {
    this(CommandContext.standard());
  }

  /** The command line with the recipes and data sets of {@code context}. */
  Cli(CommandContext context) {
    this.context = context;
  }

  /** Runs {@code vae4j args...} and returns its exit code. */
  int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cmd = Vae4jCommand.commandLine(context);
    cmd.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  String err() {
    return err.toString();
  }

  String out() {
    return out.toString();
  }
}
