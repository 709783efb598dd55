package org.vae4j.serve.model;

import java.util.EnumSet;
import java.util.Set;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.models.vq.PixelCnnPrior;
import org.vae4j.models.vq.VqVae;
import org.vae4j.models.vq.VqVaePipeline;

/**
 * A {@link VqVae}, alone ({@code vqvae}) or with the {@link PixelCnnPrior} trained over its codes
 * ({@code pixelcnn}). Codes are 7x7 maps of indices; decoded images are Bernoulli means. Without a prior
 * there is nothing to sample from. The score is the negative ELBO of a point posterior: the reconstruction's
 * binary cross-entropy summed over pixels plus {@code -log p(codes)} under the prior (the uniform prior's
 * {@code 49 log K} without one); no importance-sampled estimate applies. Both models must be in evaluation
 * mode (the quantizer then changes nothing).
 */
final class VqVaeAdapter extends TensorAdapter {
  private final VqVae vq;
  private final PixelCnnPrior prior;
  private final LatentSpace latent;

  VqVaeAdapter(VqVae vq, PixelCnnPrior prior, ModelInfo info) {
    super(info, Shape.of(1, VqVae.IMAGE_SIDE, VqVae.IMAGE_SIDE), vq);
    if (prior != null && prior.numCodes() != vq.numCodes()) {
      throw new IllegalArgumentException(info.kind() + ": the prior models " + prior.numCodes()
          + " codes but the VQ-VAE has " + vq.numCodes());
    }
    this.vq = vq;
    this.prior = prior;
    this.latent = LatentSpace.discrete(VqVae.MAP_SIDE, VqVae.MAP_SIDE, vq.numCodes());
  }

  @Override
  public Set<Operation> operations() {
    EnumSet<Operation> ops = EnumSet.of(Operation.ENCODE, Operation.DECODE, Operation.RECONSTRUCT, Operation.SCORE);
    if (prior != null) {
      ops.add(Operation.SAMPLE);
    }
    return ops;
  }

  @Override
  public LatentSpace latent() {
    return latent;
  }

  @Override
  public int classes() {
    return 0;
  }

  @Override
  public boolean conditional() {
    return false;
  }

  @Override
  public Encoding encode(Rows images) {
    return Encoding.discrete(host(vq.encodeToCodes(images(images)), images.count()));
  }

  @Override
  public Rows decode(Rows latents) {
    return host(vq.decodeCodes(codes(latents)), latents.count());
  }

  @Override
  public Rows sample(int n, long seed, int[] labels) {
    if (prior == null) {
      throw UnsupportedOperation.of(this, Operation.SAMPLE, "a VQ-VAE alone has no prior over its codes; serve the"
          + " run of 'vae4j train pixelcnn --vqvae <this run>'");
    }
    return host(VqVaePipeline.sampleImages(vq, prior, n, PhiloxStream.seeded(seed)), n);
  }

  @Override
  public Rows reconstruct(Rows images) {
    return host(vq.reconstruct(images(images)), images.count());
  }

  @Override
  public Scores score(Rows images, int k, long seed) {
    int n = images.count();
    Tensor x = images(images);
    VqVae.Output out = vq.forward(x);
    Tensor reconstruction = Functions.bceWithLogits(out.logits(), x).reshape(n, -1).sum(1);
    Tensor codes = out.quantized().indices();
    Tensor negativeElbo = prior != null
        ? reconstruction.sub(prior.logProb(codes))
        : reconstruction.add(latent.size() * Math.log(latent.codes()));
    return new Scores(negativeElbo.toDoubleArray(), null, 0);
  }

  /** Code rows as INT32 {@code (n, 7, 7)}, each a whole number in {@code [0, K)}. */
  private Tensor codes(Rows latents) {
    float[] v = latents.values();
    int[] codes = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= latent.codes()) {
        throw new IllegalArgumentException("code " + v[i] + " at position " + i % latent.size() + " of latent "
            + i / latent.size() + " is not a whole number in [0, " + latent.codes() + ")");
      }
      codes[i] = (int) v[i];
    }
    return tensors().of(codes, Shape.of(latents.count(), latent.height(), latent.width()));
  }
}
