package org.vae4j.examples.cli;

import java.util.concurrent.Callable;
import org.vae4j.core.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vae4j backends}: the backends found, their priorities and devices, and why any failed to start. */
@Command(name = "backends", mixinStandardHelpOptions = true,
    description = "List the compute backends found, their priorities and devices, and why any failed to start.")
public final class BackendsCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(Backends.describe());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
