package org.vae4j.examples.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code train --resume} keeps of the run it continues and what it lets change. The model, the data and
 * how it was prepared, the seed and the batch size are the run's: given again they must match, and a conflict
 * is refused naming both values. {@code --epochs} (the total, counting the epochs done) must ask for more
 * epochs than the run has finished. {@code --lr}, {@code --clip-grad-norm} and {@code --[no-]skip-non-finite} may
 * change (for instance to continue a run stopped by a NaN from its last good checkpoint at a lower rate); left
 * out, the run's own values go on. {@code --backend}, {@code --device}, {@code --out} and
 * {@code --ll-images} are not part of a run. Stateless.
 */
public final class ResumeRules {
  private static final Logger LOG = LoggerFactory.getLogger(ResumeRules.class);

  private ResumeRules() {
  }

  /**
   * The configuration the resumed run trains with: the run's, with the options that may change applied.
   *
   * @throws RunInputException naming every conflicting option with both values, or the epochs done and asked
   */
  public static RunConfig resumedConfig(RunSettings settings, RunSource source) {
    RunConfig run = source.config();
    ModelSpec spec = run.spec();
    String what = "--resume " + settings.resume();
    List<String> asked = new ArrayList<>();
    List<String> stored = new ArrayList<>();
    if (!settings.kind().equals(spec.kind())) {
      asked.add("model " + settings.kind());
      stored.add("model " + spec.kind());
    }
    conflict(settings, "--data", settings.data(), run.data(), asked, stored);
    conflict(settings, "--limit", settings.limit(), run.limit(), asked, stored);
    conflict(settings, "--binarize", settings.binarize(), run.binarize(), asked, stored);
    conflict(settings, "--seed", settings.seed(), run.seed(), asked, stored);
    conflict(settings, "--batch", settings.batch(), run.batch(), asked, stored);
    conflict(settings, "--latent", settings.latent(), spec.latent(), asked, stored);
    conflict(settings, "--hidden", joined(settings.hidden()), joined(spec.hidden()), asked, stored);
    conflict(settings, "--vqvae", settings.parent() == null ? null : normalized(settings.parent()), spec.parent(),
        asked, stored);
    settings.options().forEach((key, value) -> {
      if (!value.equals(spec.option(key))) {
        asked.add("--set " + key + "=" + value);
        stored.add(key + "=" + spec.option(key));
      }
    });
    if (!asked.isEmpty()) {
      throw new RunInputException(what + ": " + and(asked) + (asked.size() == 1 ? " conflicts" : " conflict")
          + " with the run's " + and(stored) + " (" + source.folder().resolve(RunConfig.FILE) + "); leave "
          + (asked.size() == 1 ? "it" : "them") + " out to continue the run as it was, or start a new run without"
          + " --resume");
    }
    int done = source.epochsDone();
    if (settings.epochs() <= done) {
      throw new RunInputException(what + ": the run has finished " + done + " epoch" + (done == 1 ? "" : "s")
          + " and --epochs " + settings.epochs() + (settings.gave("--epochs") ? "" : " (the default)")
          + " asks for no more; give --epochs above " + done + " (the total, counting the epochs done)");
    }
    double lr = changed(settings, "--lr", settings.lr(), run.lr());
    double clip = changed(settings, "--clip-grad-norm", settings.clipGradNorm(), run.clipGradNorm());
    boolean skip = settings.gave("--skip-non-finite") ? settings.skipNonFinite() : run.skipNonFinite();
    return new RunConfig(spec, run.data(), run.binarize(), run.limit(), run.seed(), run.batch(), lr, clip, skip);
  }

  private static void conflict(RunSettings settings, String option, Object given, Object stored, List<String> asked,
      List<String> storedValues) {
    if (settings.gave(option) && !Objects.equals(given, stored)) {
      asked.add(option + " " + given);
      storedValues.add(option.substring(2) + " " + stored);
    }
  }

  private static double changed(RunSettings settings, String option, double given, double stored) {
    if (!settings.gave(option)) {
      return stored;
    }
    if (given != stored) {
      LOG.info("resuming with {} {} instead of the run's {}", option, format(given), format(stored));
    }
    return given;
  }

  /** A rate or norm for messages: 6 significant digits without trailing zeros ({@code 0.001}, {@code 1e+308}). */
  static String format(double v) {
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
  }

  private static String joined(int[] widths) {
    return String.join(",", Arrays.stream(widths).mapToObj(Integer::toString).toList());
  }

  private static String normalized(Path p) {
    return p.toAbsolutePath().normalize().toString();
  }

  private static String and(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }
}
