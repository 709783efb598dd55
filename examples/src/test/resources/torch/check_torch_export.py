"""Loads a state dict written by `vae4j export --format torch` into pytorch/examples' VAE and prints minus the
ELBO at the posterior mean of the first 200 test images of the embedded MNIST subset: the figure
`vae4j export` prints for the same weights.

    python3 examples/src/test/resources/torch/check_torch_export.py runs/vae-.../model-torch.safetensors
"""
import sys

from make_torch_vae import VAE, images, test_loss_at_mean
from torch_safetensors import load


def main(path):
    state, _ = load(path)
    hidden, pixels = state["fc1.weight"].shape
    latent = state["fc21.weight"].shape[0]
    model = VAE(pixels, hidden, latent)
    model.load_state_dict(state)
    loss = test_loss_at_mean(model, images("t10k-images-idx3-ubyte", 200))
    print("PyTorch, VAE(%d, %d, %d): minus the ELBO at the posterior mean, first 200 test images: %.4f nats"
          % (pixels, hidden, latent, loss))


if __name__ == "__main__":
    main(sys.argv[1])
