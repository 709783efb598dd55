package org.vae4j.examples.interop;

import java.io.IOException;
import java.nio.file.Path;
import org.vae4j.api.Module;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointException;
import org.vae4j.core.checkpoint.StateDictNames;
import org.vae4j.core.data.ImageBatch;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.core.kl.KlRegistry;
import org.vae4j.models.TorchNames;
import org.vae4j.models.Vae;

/**
 * The command line's PyTorch interop: a VAE exported as a state dict of pytorch/examples' {@code VAE}, a state
 * dict (PyTorch's or vae4j's own) imported as a model's initial parameters, and the deterministic figure both
 * frameworks compute alike to check that the two hold the same model. Stateless.
 */
public final class TorchInterop {
  /** The {@code --format} value of {@code vae4j export}. */
  public static final String TORCH = "torch";

  private TorchInterop() {
  }

  /**
   * Writes {@code model}'s parameters to {@code file} under pytorch/examples' names.
   *
   * @throws CheckpointException when the model is not an MLP VAE with one hidden layer
   */
  public static void exportVae(Module model, Path file) throws IOException {
    Checkpoint own = Checkpoint.builder().parameters(model).build();
    TorchNames.pytorchExampleVae().export(own).write(file);
  }

  /**
   * Copies the parameters of the state dict {@code file} into {@code model}. With {@code names} null, a file
   * holding {@code fc1.weight} is read with pytorch/examples' names ({@link TorchNames#pytorchExampleVae()})
   * and any other is taken to hold vae4j's own names; a names file gives the rules ({@link StateDictNames}).
   *
   * @throws CheckpointException naming the file and every tensor that does not fit
   */
  public static void importInto(Module model, Path file, Path names) throws IOException {
    Checkpoint stateDict = Checkpoint.read(file);
    StateDictNames rules = names != null ? StateDictNames.read(names)
        : stateDict.tensors().containsKey("fc1.weight") ? TorchNames.pytorchExampleVae() : null;
    (rules == null ? stateDict : rules.importFrom(stateDict)).restoreParameters(model);
  }

  /**
   * Minus the ELBO per image with z at the posterior mean (binary cross-entropy of the decoded mean plus the
   * analytic KL), over the first {@code n} images: no sampling, so PyTorch computes the same number for the same
   * weights ({@code check_torch_export.py} in the tests' resources does).
   */
  @SuppressWarnings("try")
  public static double lossAtPosteriorMean(Vae vae, ImageDataset images, int n, TensorFactory tensors) {
    int count = Math.min(n, images.size());
    double sum = 0;
    for (ImageBatch b : images.head(count).batches(100)) {
      try (Scope s = Scope.open(); NoGrad off = NoGrad.enter()) {
        Tensor x = tensors.of(b.images(), vae.dataShape().prepend(b.size()));
        var q = vae.encode(x);
        Tensor logLikelihood = vae.decode(q.mean()).logProb(x);
        Tensor kl = KlRegistry.kl(q, vae.prior());
        sum += kl.sub(logLikelihood).sum().item();
      }
    }
    return sum / count;
  }
}
