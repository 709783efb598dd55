package org.vae4j.examples.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.core.Scope;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.examples.app.CommandContext;
import org.vae4j.examples.app.ModelLoader;
import org.vae4j.examples.io.AtomicFiles;
import org.vae4j.examples.io.NpzWriter;
import org.vae4j.examples.train.ModelUse;
import org.vae4j.examples.train.RunInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j encode}: the codes of the run's test (or training) images, one row per image: for a VAE the
 * latent means of q(z|x) (and with {@code --log-variance} its log-variances); for a VQ-VAE (or a PixelCNN prior's
 * VQ-VAE) the 49 code indices of the 7x7 map in raster order. As CSV ({@code index,label,z0,...} and
 * {@code logvar0,...}) or as NumPy's {@code .npz} (arrays {@code index}, {@code label}, {@code mean} or
 * {@code code}, {@code log_variance}).
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
    description = "Write the codes of a data set's images as CSV or NumPy .npz: latent means (and log-variances) "
        + "of a VAE, code indices of a VQ-VAE.")
public final class EncodeCommand implements Callable<Integer> {
  private static final int BATCH = 500;

  @Spec
  private CommandSpec spec;

  @Mixin
  private ModelUseOptions use;

  @Option(names = "--part", paramLabel = "<test|train>", defaultValue = "test",
      description = "Which part of the run's data set to encode: test or train. Default: ${DEFAULT-VALUE}.")
  private String part;

  @Option(names = "--format", paramLabel = "<csv|npz>", defaultValue = "csv",
      description = "csv, or npz (NumPy: numpy.load(path) gives the arrays index, label, mean or code, and "
          + "log_variance). Default: ${DEFAULT-VALUE}.")
  private String format;

  @Option(names = "--log-variance", description = "Also write the log-variances of q(z|x) (VAEs only).")
  private boolean logVariance;

  @Option(names = "--out", paramLabel = "<file>",
      description = "The file to write; must not exist. Default: latents-<part>.<format> in the run folder.")
  private Path out;

  private final ModelLoader loader;

  EncodeCommand(CommandContext context) {
    this.loader = context.modelLoader();
  }

  /** The codes of a part, image after image. */
  private record Codes(int[] labels, float[] values, float[] logVariances, int width) {
  }

  @Override
  public Integer call() {
    if (!part.equals("test") && !part.equals("train")) {
      throw new RunInputException("--part " + part + ": give test or train");
    }
    if (!format.equals("csv") && !format.equals("npz")) {
      throw new RunInputException("--format " + format + ": give csv or npz");
    }
    if (out != null) {
      OutputFiles.fresh(out);
    }
    try (ModelLoader.Loaded m = loader.load(use.run(), use.bareCheckpoint(), use.backend(), use.device())) {
      if (logVariance && m.use().discreteCodes()) {
        throw new RunInputException("--log-variance: " + m.config().spec() + " has discrete codes, with no "
            + "variance; leave it out");
      }
      Path file = OutputFiles.fresh(out != null ? out : m.folder().resolve("latents-" + part + "." + format));
      var data = loader.data(m.config());
      ImageDataset images = part.equals("test") ? data.test() : data.train();
      Codes codes = encode(m.use(), images);
      if (format.equals("npz")) {
        writeNpz(file, m.use(), codes);
      } else {
        writeCsv(file, m.use(), codes);
      }
      spec.commandLine().getOut().println("wrote the " + codes.width() + "-dimensional "
          + (m.use().discreteCodes() ? "code indices" : "latent means" + (logVariance ? " and log-variances" : ""))
          + " of " + images.size() + " " + part + " images to " + file.toAbsolutePath());
    }
    return ExitCodes.OK;
  }

  private Codes encode(ModelUse model, ImageDataset images) {
    int n = images.size();
    int width = model.codeWidth();
    float[] values = new float[n * width];
    float[] logVariances = logVariance ? new float[n * width] : null;
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      var batch = images.slice(from, to);
      try (Scope s = Scope.open()) {
        System.arraycopy(model.encode(batch.images(), batch.labels(), to - from), 0, values, from * width,
            (to - from) * width);
        if (logVariance) {
          System.arraycopy(model.encodeLogVariance(batch.images(), batch.labels(), to - from), 0, logVariances,
              from * width, (to - from) * width);
        }
      }
    }
    return new Codes(images.labels(), values, logVariances, width);
  }

  private static void writeNpz(Path file, ModelUse model, Codes c) {
    int n = c.labels().length;
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    NpzWriter npz = new NpzWriter().ints("index", index, n).ints("label", c.labels(), n);
    if (model.discreteCodes()) {
      int[] codes = new int[c.values().length];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = (int) c.values()[i];
      }
      npz.ints("code", codes, n, c.width());
    } else {
      npz.floats("mean", c.values(), n, c.width());
    }
    if (c.logVariances() != null) {
      npz.floats("log_variance", c.logVariances(), n, c.width());
    }
    AtomicFiles.write(file, npz::writeTo);
  }

  private static void writeCsv(Path file, ModelUse model, Codes c) {
    int width = c.width();
    AtomicFiles.write(file, stream -> {
      BufferedWriter w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
      w.write("index,label");
      for (int j = 0; j < width; j++) {
        w.write("," + model.codeName() + j);
      }
      for (int j = 0; c.logVariances() != null && j < width; j++) {
        w.write(",logvar" + j);
      }
      w.write('\n');
      for (int i = 0; i < c.labels().length; i++) {
        StringBuilder row = new StringBuilder().append(i).append(',').append(c.labels()[i]);
        for (int j = 0; j < width; j++) {
          float v = c.values()[i * width + j];
          row.append(',');
          if (model.discreteCodes()) {
            row.append((int) v);
          } else {
            row.append(v);
          }
        }
        for (int j = 0; c.logVariances() != null && j < width; j++) {
          row.append(',').append(c.logVariances()[i * width + j]);
        }
        w.write(row.append('\n').toString());
      }
      w.flush();
    });
  }
}
