"""Makes torch-vae-784-16-2.safetensors, the PyTorch state dict that vae4j's import/export tests read.

pytorch/examples' VAE (vae/main.py), with its widths as arguments (here 784-16-2, so the file stays small),
trained by PyTorch (Adam, 3e-3) for 5 epochs over the first 2,000 training images of the embedded MNIST subset, then saved in
the safetensors format. The deterministic test loss of the first 200 test images (z = the posterior mean:
binary cross-entropy summed over pixels plus the analytic KL, averaged over images) goes into the file's
metadata as `test_loss_at_mean`, so that vae4j can check its own figure for the same weights.

Run from the repository root with torch 1.13 or later (Debian: python3-torch), no other package:
    python3 examples/src/test/resources/torch/make_torch_vae.py
The `safetensors` package is not needed: the format (an 8-byte little-endian header length, a JSON header,
raw little-endian tensor data) is written and read here by hand; torch_safetensors.py holds those helpers.
"""
import gzip
import os
import struct

import torch
import torch.nn.functional as F
from torch import nn

from torch_safetensors import save

HERE = os.path.dirname(os.path.abspath(__file__))
MNIST = os.path.join(HERE, "..", "..", "..", "main", "resources", "org", "vae4j", "examples", "data", "mnist-10k")


class VAE(nn.Module):
    """pytorch/examples' VAE; VAE() is the original 784-400-20."""

    def __init__(self, pixels=784, hidden=400, latent=20):
        super().__init__()
        self.pixels = pixels
        self.fc1 = nn.Linear(pixels, hidden)
        self.fc21 = nn.Linear(hidden, latent)
        self.fc22 = nn.Linear(hidden, latent)
        self.fc3 = nn.Linear(latent, hidden)
        self.fc4 = nn.Linear(hidden, pixels)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        return mu + torch.randn_like(std) * std

    def decode(self, z):
        return torch.sigmoid(self.fc4(F.relu(self.fc3(z))))

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, self.pixels))
        return self.decode(self.reparameterize(mu, logvar)), mu, logvar


def loss_function(recon_x, x, mu, logvar):
    bce = F.binary_cross_entropy(recon_x, x.view(-1, recon_x.shape[1]), reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kld


def test_loss_at_mean(model, x):
    """Minus the ELBO per image with z = the posterior mean: no sampling, so any framework gets the same number."""
    with torch.no_grad():
        mu, logvar = model.encode(x)
        logits = model.fc4(F.relu(model.fc3(mu)))
        bce = F.binary_cross_entropy_with_logits(logits, x, reduction="sum")
        kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        return ((bce + kld) / x.shape[0]).item()


def images(name, count):
    with gzip.open(os.path.join(MNIST, name + ".gz"), "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803 and n >= count
        data = f.read(count * rows * cols)
    return torch.tensor(list(data), dtype=torch.float32).view(count, rows * cols) / 255.0


def main():
    torch.manual_seed(3)
    train = images("train-images-idx3-ubyte", 2000)
    test = images("t10k-images-idx3-ubyte", 200)
    model = VAE(784, 16, 2)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    for epoch in range(5):
        for batch in torch.randperm(train.shape[0]).split(128):
            x = train[batch]
            optimizer.zero_grad()
            recon, mu, logvar = model(x)
            loss_function(recon, x, mu, logvar).backward()
            optimizer.step()
    loss = test_loss_at_mean(model, test)
    out = os.path.join(HERE, "torch-vae-784-16-2.safetensors")
    save(model.state_dict(), out, {"test_loss_at_mean": "%.6f" % loss, "test_images": "200",
                                   "made_by": "make_torch_vae.py, torch " + torch.__version__})
    print("wrote %s: test loss at the mean %.6f nats" % (out, loss))


if __name__ == "__main__":
    main()
