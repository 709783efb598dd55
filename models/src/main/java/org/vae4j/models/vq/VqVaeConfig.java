package org.vae4j.models.vq;

/**
 * The sizes and quantizer settings of a {@link VqVae} for {@code (1, 28, 28)} images.
 *
 * @param hidden         channels of the encoder's and decoder's 7x7 trunk (the first stride-2 stage has
 *                       half as many); even, at least 2
 * @param residualBlocks residual blocks in the encoder trunk and again in the decoder trunk
 * @param codeDim        D, the dimension of a code vector (channels of the 7x7 latent map)
 * @param numCodes       K, the codebook size
 * @param beta           commitment weight (0.25 in the paper)
 * @param ema            true: codebook updated by exponential moving averages (decay 0.99); false: trained
 *                       by the codebook loss {@code ||sg[z] - e||^2}
 * @param restartAfter   a code unused for this many training steps is moved onto an encoder output of the
 *                       batch (0: never)
 */
public record VqVaeConfig(int hidden, int residualBlocks, int codeDim, int numCodes, double beta, boolean ema,
    int restartAfter) {

  public VqVaeConfig {
    if (hidden < 2 || hidden % 2 != 0 || residualBlocks < 0 || codeDim < 1 || numCodes < 2 || restartAfter < 0) {
      throw new IllegalArgumentException("VqVaeConfig: need an even hidden >= 2, residualBlocks >= 0, codeDim >= 1,"
          + " numCodes >= 2 and restartAfter >= 0, got hidden " + hidden + ", residualBlocks " + residualBlocks
          + ", codeDim " + codeDim + ", numCodes " + numCodes + ", restartAfter " + restartAfter);
    }
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("VqVaeConfig: beta must be finite and >= 0, got " + beta);
    }
  }

  /**
   * The defaults for MNIST, sized for the pure-Java backend (the configuration measured for issue 7): 32
   * hidden channels, 1 residual block, codes of dimension 16, K = 64, beta 0.25, codebook trained by its
   * loss, dead codes restarted after 20 idle steps. Wider trunks and larger K do better where compute allows.
   */
  public static VqVaeConfig mnist() {
    return new VqVaeConfig(32, 1, 16, 64, 0.25, false, 20);
  }

  /** This configuration with {@code k} codes. */
  public VqVaeConfig withNumCodes(int k) {
    return new VqVaeConfig(hidden, residualBlocks, codeDim, k, beta, ema, restartAfter);
  }

  /** This configuration with the EMA codebook update on or off. */
  public VqVaeConfig withEma(boolean on) {
    return new VqVaeConfig(hidden, residualBlocks, codeDim, numCodes, beta, on, restartAfter);
  }

  /** The string stored in checkpoints. */
  public String describe() {
    return "hidden=" + hidden + " residualBlocks=" + residualBlocks + " codeDim=" + codeDim + " numCodes="
        + numCodes + " beta=" + beta + " ema=" + ema + " restartAfter=" + restartAfter;
  }
}
