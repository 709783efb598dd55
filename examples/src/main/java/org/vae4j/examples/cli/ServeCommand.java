package org.vae4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Backends;
import org.vae4j.core.Tensors;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.examples.app.CommandContext;
import org.vae4j.examples.app.ModelLoader;
import org.vae4j.examples.train.ModelSpec;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.examples.train.RunInputException;
import org.vae4j.examples.train.RunSource;
import org.vae4j.models.vq.PixelCnnPrior;
import org.vae4j.models.vq.VqVae;
import org.vae4j.serve.ServeOptions;
import org.vae4j.serve.ServeServer;
import org.vae4j.serve.model.ModelInfo;
import org.vae4j.serve.model.Rows;
import org.vae4j.serve.model.ServedModel;
import org.vae4j.serve.model.ServedModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j serve}: serves a trained run over HTTP (vae4j-serve) until interrupted: the JSON API, its
 * {@code /openapi.json} and the explorer page at {@code /}, with the first test images of the run's data
 * for the page. The run is restored as {@code sample} restores it (architecture from {@code run.json},
 * weights from the checkpoint), for every kind {@code vae4j train} makes; a {@code pixelcnn} run is served
 * with the VQ-VAE it was trained over.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve a trained run over HTTP: JSON API, /openapi.json, and the latent explorer page at /.")
public final class ServeCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--run", paramLabel = "<dir|checkpoint>", required = true,
      description = "The run folder written by 'vae4j train' (or its model.safetensors).")
  private Path run;

  @Mixin
  private BackendOptions backendOptions;

  @Option(names = "--host", paramLabel = "<address>", defaultValue = ServeOptions.LOOPBACK,
      description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
  private String host;

  @Option(names = "--port", paramLabel = "<n>", defaultValue = "8080",
      description = "TCP port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  private int port;

  @Option(names = "--token-file", paramLabel = "<file>", converter = Converters.ExistingPath.class,
      description = "A file holding a secret: every route but /health and the page then needs "
          + "'Authorization: Bearer <secret>'.")
  private Path tokenFile;

  @Option(names = "--cors-origin", paramLabel = "<scheme://host[:port]>",
      description = "The one other origin whose pages may call the API. Default: none (cross-origin refused).")
  private String corsOrigin;

  @Option(names = "--workers", paramLabel = "<n>", defaultValue = "2", converter = Converters.PositiveInt.class,
      description = "Threads running the model. Default: ${DEFAULT-VALUE}.")
  private int workers;

  @Option(names = "--queue", paramLabel = "<n>", defaultValue = "64", converter = Converters.PositiveInt.class,
      description = "Requests that may wait for a worker before the server answers 503. Default: ${DEFAULT-VALUE}.")
  private int queue;

  @Option(names = "--max-batch", paramLabel = "<rows>", defaultValue = "256", converter = Converters.PositiveInt.class,
      description = "Most rows of concurrent requests run as one batch (1: no batching). Default: ${DEFAULT-VALUE}.")
  private int maxBatch;

  @Option(names = "--max-images", paramLabel = "<n>", defaultValue = "256", converter = Converters.PositiveInt.class,
      description = "Most images (and n of /sample) per request. Default: ${DEFAULT-VALUE}.")
  private int maxImages;

  @Option(names = "--max-body-bytes", paramLabel = "<n>", defaultValue = "4194304",
      converter = Converters.PositiveInt.class, description = "Largest request body. Default: ${DEFAULT-VALUE}.")
  private int maxBodyBytes;

  @Option(names = "--timeout-ms", paramLabel = "<ms>", defaultValue = "30000", converter = Converters.PositiveInt.class,
      description = "How long a request may wait and run before it gets 503. Default: ${DEFAULT-VALUE}.")
  private int timeoutMs;

  @Option(names = "--examples", paramLabel = "<n>", defaultValue = "24",
      description = "Test images of the run's data offered by the page (0: none). Default: ${DEFAULT-VALUE}.")
  private int examples;

  private final ModelLoader loader;

  ServeCommand(CommandContext context) {
    this.loader = context.modelLoader();
  }

  @Override
  public Integer call() {
    ServeOptions options = options();
    RunSource source = RunSource.locate(run, "--run");
    RunConfig config = source.config();
    ModelSpec model = config.spec();
    TensorFactory tensors = Tensors.on(Backends.kernels(backendOptions.backend(), backendOptions.device()));
    TrainableModel trained = loader.restore(source, tensors, "--run " + run);
    TrainableModel parent = null;
    try {
      ModelInfo info = new ModelInfo(model.kind(), loader.recipe(model, "--run " + run).describe(model), model.rows(), model.cols());
      ServedModel served;
      if (trained instanceof PixelCnnPrior prior) {
        parent = loader.restore(RunSource.locate(Path.of(model.parent()), "--vqvae"), tensors,
            "--vqvae " + model.parent());
        served = ServedModels.vqVaeWithPrior((VqVae) parent, prior, info);
      } else {
        served = ServedModels.of(trained, info, model.classes());
      }
      serve(served, testImages(config), options);
    } finally {
      trained.close();
      if (parent != null) {
        parent.close();
      }
    }
    return ExitCodes.OK;
  }

  private void serve(ServedModel served, Rows shown, ServeOptions options) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (options.token() == null && !isLoopback(options.host())) {
      err.println("vae4j serve: warning: listening on " + options.host() + " without --token-file: anyone who can"
          + " reach this address can use the model");
      err.flush();
    }
    ServeServer server;
    try {
      server = ServeServer.start(served, shown, options);
    } catch (IllegalStateException e) {
      throw new RunInputException(e.getMessage());
    }
    Thread hook = new Thread(server::close, "vae4j-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("serving " + served.description() + " on " + served.backendName() + " at " + server.uri()
        + " (explorer page at /, API at " + server.uri().resolve("/openapi.json") + "); Ctrl-C stops");
    out.flush();
    try {
      server.join();
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();   // a stop request, as Ctrl-C is: close and exit normally
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running or has run
      }
    }
  }

  private ServeOptions options() {
    if (port < 0 || port > 65535) {
      throw new RunInputException("--port " + port + " is outside 0..65535");
    }
    if (examples < 0) {
      throw new RunInputException("--examples " + examples + " is negative; give 0 or more");
    }
    String token = null;
    if (tokenFile != null) {
      try {
        token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new RunInputException("--token-file " + tokenFile + " cannot be read (" + e.getMessage() + ")");
      }
      if (token.length() < 16 || token.chars().anyMatch(c -> c <= ' ')) {
        throw new RunInputException("--token-file " + tokenFile + " must hold one secret of at least 16 characters"
            + " without spaces, e.g. from 'head -c 24 /dev/urandom | base64 > token'");
      }
    }
    if (corsOrigin != null && !corsOrigin.matches("(?i)https?://[^/\\s]+/?")) {
      throw new RunInputException("--cors-origin " + corsOrigin + " is not an origin; give scheme://host[:port], "
          + "e.g. https://example.org");
    }
    ServeOptions d = ServeOptions.defaults();
    return d.withAddress(host, port).withToken(token).withCorsOrigin(corsOrigin).withWorkers(workers, queue, maxBatch)
        .withLimits(maxBodyBytes, maxImages, maxImages, d.maxSteps(), d.maxK(), d.maxDraws())
        .withTimeoutMillis(timeoutMs);
  }

  /** The first {@code --examples} test images of the run's data, with labels; null for none. */
  private Rows testImages(RunConfig config) {
    if (examples == 0) {
      return null;
    }
    ImageDataset test = loader.data(config).test();
    int n = Math.min(examples, test.size());
    if (n == 0) {
      return null;
    }
    var batch = test.slice(0, n);
    return new Rows(batch.images(), n, batch.labels());
  }

  private static boolean isLoopback(String address) {
    try {
      return java.net.InetAddress.getByName(address).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      throw new RunInputException("--host " + address + " is not an address of this machine (" + e.getMessage()
          + "); give e.g. 127.0.0.1 or 0.0.0.0");
    }
  }
}
