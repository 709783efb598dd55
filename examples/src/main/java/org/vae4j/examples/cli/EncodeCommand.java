package org.vae4j.examples.cli;

import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.core.Scope;
import org.vae4j.examples.app.ModelLoader;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.examples.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j encode}: the codes of the run's test (or training) images as CSV, one row per image: for a VAE
 * the latent means of q(z|x), {@code index,label,z0,...,z<L-1>}; for a VQ-VAE (or a PixelCNN prior's VQ-VAE)
 * the 49 code indices of the 7x7 map in raster order, {@code index,label,code0,...,code48}.
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
    description = "Write the codes of a data set's images as CSV: latent means of a VAE, code indices of a "
        + "VQ-VAE.")
public final class EncodeCommand implements Callable<Integer> {
  private static final int BATCH = 500;

  @Spec
  private CommandSpec spec;

  @Mixin
  private ModelUseOptions use;

  @Option(names = "--part", paramLabel = "<test|train>", defaultValue = "test",
      description = "Which part of the run's data set to encode: test or train. Default: ${DEFAULT-VALUE}.")
  private String part;

  @Option(names = "--out", paramLabel = "<file.csv>", defaultValue = "latents.csv",
      description = "The CSV to write; must not exist. Default: ${DEFAULT-VALUE}.")
  private Path out;

  private final ModelLoader loader;

  @Inject
  EncodeCommand(ModelLoader loader) {
    this.loader = loader;
  }

  @Override
  public Integer call() {
    if (!part.equals("test") && !part.equals("train")) {
      throw new IllegalArgumentException("--part " + part + ": give test or train");
    }
    OutputFiles.fresh(out);
    try (ModelLoader.Loaded m = loader.load(use.run(), use.bareCheckpoint(), use.backend(), use.device())) {
      var data = loader.data(m.config());
      ImageDataset images = part.equals("test") ? data.test() : data.train();
      int latent = m.use().codeWidth();
      AtomicFiles.write(out, stream -> {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        w.write("index,label");
        for (int j = 0; j < latent; j++) {
          w.write("," + m.use().codeName() + j);
        }
        w.write('\n');
        for (int from = 0; from < images.size(); from += BATCH) {
          int to = Math.min(images.size(), from + BATCH);
          var batch = images.slice(from, to);
          float[] codes;
          try (Scope s = Scope.open()) {
            codes = m.use().encode(batch.images(), batch.labels(), to - from);
          }
          for (int i = 0; i < to - from; i++) {
            StringBuilder row = new StringBuilder().append(from + i).append(',').append(batch.labels()[i]);
            for (int j = 0; j < latent; j++) {
              float v = codes[i * latent + j];
              row.append(',');
              if (m.use().discreteCodes()) {
                row.append((int) v);
              } else {
                row.append(v);
              }
            }
            w.write(row.append('\n').toString());
          }
        }
        w.flush();
      });
      spec.commandLine().getOut().println("wrote the " + latent + "-dimensional " + (m.use().discreteCodes() ? "code indices" : "latent means") + " of "
          + images.size() + " " + part + " images to " + out.toAbsolutePath());
    }
    return ExitCodes.OK;
  }
}
