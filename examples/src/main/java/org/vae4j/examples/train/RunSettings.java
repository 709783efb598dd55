package org.vae4j.examples.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.vae4j.api.Device;

/**
 * The options of one {@code vae4j train} invocation, as parsed, before a resumed run's settings are applied.
 *
 * @param kind     the model name ({@code vae}, ...)
 * @param data     the {@code --data} value
 * @param seed     the {@code --seed} value
 * @param backend  the {@code --backend} value, or null for the registry's choice
 * @param device   the {@code --device} value, or null for the backend's default
 * @param out      the {@code --out} folder, or null for a new one under {@code runs/}
 * @param epochs   total epochs (including those of a resumed run)
 * @param batch    batch size
 * @param latent   latent dimensions
 * @param hidden   hidden widths
 * @param lr       learning rate
 * @param resume   the {@code --resume} path, or null
 * @param binarize whether to binarise dynamically
 * @param limit    images of each part to keep, 0 for all
 * @param logLikelihoodImages test images of the log-likelihood estimate, 0 for none, -1 for the model's default
 * @param parent   the {@code --vqvae} run a PixelCNN prior is trained for, or null
 * @param initFrom the {@code --init-from} state dict the parameters start from, or null for fresh ones
 * @param initNames the {@code --init-names} file of name rules for it, or null for the default
 * @param clipGradNorm the {@code --clip-grad-norm} value, 0 for none
 * @param skipNonFinite whether {@code --skip-non-finite} was given
 * @param options  the {@code --set key=value} model options, as given
 * @param given    the options given on the command line (their longest names, e.g. {@code --latent}), to tell a
 *                 value asked for from a default when resuming
 */
public record RunSettings(String kind, String data, long seed, String backend, Device device, Path out, int epochs,
    int batch, int latent, int[] hidden, double lr, Path resume, boolean binarize, int limit,
    int logLikelihoodImages, Path parent, Path initFrom, Path initNames, double clipGradNorm, boolean skipNonFinite,
    Map<String, String> options, Set<String> given) {
  public RunSettings {
    hidden = hidden.clone();
    options = options == null ? Map.of() : Map.copyOf(options);
    given = Set.copyOf(given);
  }

  /** True when {@code option} (e.g. {@code --latent}) was given on the command line. */
  public boolean gave(String option) {
    return given.contains(option);
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }
}
