package org.vae4j.models;

import org.vae4j.core.checkpoint.StateDictNames;

/**
 * The names PyTorch models give to the parameters of vae4j's models, for exporting checkpoints to PyTorch and
 * importing state dicts from it ({@link StateDictNames}). Stateless.
 */
public final class TorchNames {
  private TorchNames() {
  }

  /**
   * {@link Vae#mlp} with one hidden layer (as {@link Vae#pytorchExample}) as the {@code VAE} class of
   * pytorch/examples' {@code vae/main.py}: {@code fc1} (input to hidden), {@code fc21} and {@code fc22} (hidden
   * to mean and to log-variance: vae4j's {@code encoder.3} holds the two stacked, mean first), {@code fc3}
   * (latent to hidden) and {@code fc4} (hidden to the Bernoulli logits, which PyTorch passes through a
   * sigmoid). Any widths: pytorch/examples hard-codes 784-400-20; the README's class takes them as arguments.
   */
  public static StateDictNames pytorchExampleVae() {
    StateDictNames.Builder b = StateDictNames.builder();
    for (String kind : new String[] {"weight", "bias"}) {
      b.rename("encoder.1." + kind, "fc1." + kind);
      b.stack("encoder.3." + kind, "fc21." + kind, "fc22." + kind);
      b.rename("decoder.0." + kind, "fc3." + kind);
      b.rename("decoder.2." + kind, "fc4." + kind);
    }
    return b.build();
  }
}
