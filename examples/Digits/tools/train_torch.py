"""The Digits example's recipe in PyTorch 1.13, to see how its test accuracy varies with the seed.

Same data, split (NumPy permutation, seed 42), network, loss, optimiser (Adam lr 1e-2), minibatches of 64 (NumPy
permutation per epoch from RandomState(seed)) and 15 epochs in float32 as examples/Digits; the initial weights
are PyTorch's own (torch.manual_seed(seed)), so a seed's run is not AutoNet's run with that seed.

    /usr/bin/python3 examples/Digits/tools/train_torch.py 0 1 2 3 4 5
"""
import gzip
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))


def load():
    with gzip.open(os.path.join(HERE, "..", "data", "digits.csv.gz"), "rt") as f:
        rows = np.array([[float(v) for v in line.split(",")] for line in f if line.strip()])
    return rows[:, :64].astype(np.float32) / 16, rows[:, 64].astype(np.int64)


def run(seed, pixels, labels, epochs=15, batch=64, lr=1e-2):
    order = np.random.RandomState(42).permutation(len(labels))
    train, test = order[:1347], order[1347:]
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(64, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr)
    shuffle = np.random.RandomState(seed)
    x = torch.from_numpy(pixels).reshape(-1, 1, 8, 8)
    y = torch.from_numpy(labels)
    for _ in range(epochs):
        epoch_order = shuffle.permutation(len(train))
        for start in range(0, len(train), batch):
            rows = torch.from_numpy(train[epoch_order[start:start + batch]])
            loss = F.cross_entropy(model(x[rows]), y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        rows = torch.from_numpy(test)
        return (model(x[rows]).argmax(1) == y[rows]).double().mean().item()


if __name__ == "__main__":
    torch.set_num_threads(1)
    pixels, labels = load()
    for s in [int(a) for a in sys.argv[1:]] or [0]:
        print(f"seed {s}: test accuracy {run(s, pixels, labels):.4f} (torch {torch.__version__})", flush=True)
