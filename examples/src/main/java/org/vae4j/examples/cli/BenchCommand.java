package org.vae4j.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vae4j.api.Device;
import org.vae4j.api.spi.BackendProvider;
import org.vae4j.core.Backends;
import org.vae4j.examples.app.CommandContext;
import org.vae4j.examples.bench.BenchReport;
import org.vae4j.examples.bench.BenchRow;
import org.vae4j.examples.bench.BenchRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j bench}: times training steps of one model (the 784-400-20 MLP VAE, or {@code --model convvae},
 * {@code cvae}, {@code vqvae}, {@code pixelcnn}, ...) on each backend found, in this process, and of the same
 * MLP VAE written on DJL's own autograd; each row with the model's FLOPs per example, the FLOP rate reached and
 * its share of that backend's own GEMM rate. Prints a table and writes {@code bench.json}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Time training steps of one model on every backend found and on DJL's own autograd.",
        "Rows: examples per second over the timed steps, ratio to the djl row, mean loss (the same model on "
            + "the same batches, so it should agree), the model's matrix-product FLOPs per example (forward and "
            + "backward), the GFLOP/s reached, the backend's own float32 matmul GFLOP/s measured in this process "
            + "and the share of it reached (the bound), peak Java heap and peak resident memory of the process "
            + "(native buffers included)."})
public final class BenchCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--model", paramLabel = "<model>", defaultValue = "vae",
      description = "Model to time, as vae4j train names it: vae (784-400-20 MLP), convvae, cvae, vqvae, pixelcnn "
          + "(the PixelCNN prior over VQ-VAE codes), bnn. Default: ${DEFAULT-VALUE}.")
  private String model;

  @Option(names = "--vqvae", paramLabel = "<run>",
      description = "For --model pixelcnn: the run folder of a trained vqvae whose codes the prior trains on. "
          + "Default: the codes of an untrained VQ-VAE (the same work per step).")
  private Path vqvae;

  @Option(names = "--memory-trace", description = "Record each row's heap after a full GC and resident memory at "
      + "ten evenly spaced timed steps (the clock paused meanwhile), e.g. with --steps 10000.")
  private boolean memoryTrace;

  @Option(names = "--steps", paramLabel = "<n>", defaultValue = "200", converter = Converters.PositiveInt.class,
      description = "Timed optimizer steps per backend. Default: ${DEFAULT-VALUE}.")
  private int steps;

  @Option(names = "--warmup", paramLabel = "<n>", defaultValue = "20",
      description = "Untimed steps before them. Default: ${DEFAULT-VALUE}.")
  private int warmup;

  @Option(names = "--batch", paramLabel = "<n>", defaultValue = "128", converter = Converters.PositiveInt.class,
      description = "Images per step. Default: ${DEFAULT-VALUE}.")
  private int batch;

  @Option(names = "--backends", paramLabel = "<name>", split = ",",
      description = "Backends to time, comma-separated. Default: every backend found.")
  private List<String> backends;

  @Option(names = "--device", paramLabel = "<cpu|gpu[:N]>", converter = Converters.DeviceConverter.class,
      description = "Device for every row. Default: each backend's default (the reference: cpu).")
  private Device device;

  @Option(names = "--no-reference", description = "Leave out the VAE on DJL's own autograd.")
  private boolean noReference;

  @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
  private long seed;

  @Option(names = "--out", paramLabel = "<file.json>", defaultValue = "bench.json",
      description = "The JSON to write; must not exist. Default: ${DEFAULT-VALUE}.")
  private Path out;

  private final BenchRunner runner;

  BenchCommand(CommandContext context) {
    this.runner = new BenchRunner(context.recipes().asMap(), context.datasets());
  }

  @Override
  public Integer call() {
    if (warmup < 0) {
      throw new IllegalArgumentException("--warmup " + warmup + " is negative; give 0 or more steps");
    }
    OutputFiles.fresh(out);
    List<String> names = backends;
    if (names == null) {
      names = new ArrayList<>();
      for (BackendProvider p : Backends.providers()) {
        names.add(p.name());
      }
    }
    var settings = new BenchRunner.Settings(model, steps, warmup, batch, device, seed,
        vqvae == null ? null : vqvae.toString(), memoryTrace);
    BenchRunner.Result result = runner.run(settings, names, !noReference,
        line -> spec.commandLine().getErr().println(line));
    List<BenchRow> rows = result.rows();
    String ratioTo = rows.stream().anyMatch(r -> r.backend().equals("djl") && r.ran()) ? "djl" : BenchRunner.REFERENCE;
    BenchReport report = new BenchReport(model, result.modelDescription(), steps, warmup, batch, ratioTo, rows);
    report.write(out);
    spec.commandLine().getOut().print(report.table());
    spec.commandLine().getOut().println("wrote " + out);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
