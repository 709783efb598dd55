package org.vae4j.examples.cli;

/** Exit codes of the {@code vae4j} command. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** The run failed for a reason other than the user's input. */
  public static final int FAILURE = 1;
  /**
   * The user's input is wrong: an unknown or malformed option, a missing subcommand, or a {@code --data} or
   * {@code --out} value that cannot be used.
   */
  public static final int USAGE = 2;

  private ExitCodes() {
  }
}
