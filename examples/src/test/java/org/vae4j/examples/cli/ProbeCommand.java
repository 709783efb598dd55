package org.vae4j.examples.cli;

import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** A test subcommand that mixes in the option groups and runs a given action. */
@Command(name = "probe", mixinStandardHelpOptions = true)
final class ProbeCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Mixin
  TrainingOptions training;

  private final Supplier<Integer> action;

  ProbeCommand(Supplier<Integer> action) {
    this.action = action;
  }

  @Override
  public Integer call() {
    return action.get();
  }
}
