package org.vae4j.examples.train;

/**
 * What a checkpoint without {@code run.json} beside it cannot say about itself: the model and the options it was
 * trained with, as given on the command line.
 *
 * @param kind   the model ({@code vae}, ...)
 * @param latent latent dimensions
 * @param hidden hidden widths; a fresh copy is kept
 * @param data   the {@code --data} value
 */
public record BareCheckpoint(String kind, int latent, int[] hidden, String data) {
  public BareCheckpoint {
    hidden = hidden.clone();
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }
}
