#!/usr/bin/env python3
"""Records scikit-learn 1.2.1 make_blobs outputs, the NumPy spiral and XOR recipes that AutoNet's
Datasets.MakeSpirals / MakeXor document, and RandomState permutations for DataLoader shuffling.

Run from the repository root with Debian's Python (NumPy 1.24, scikit-learn 1.2.1):

    /usr/bin/python3 tests/AutoNet.Tests/Fixtures/datasets-more/record_datasets_more.py

Writes datasets-more.json beside this script: {"blobs": [{kwargs, X, y}], "spirals": [...],
"xor": [...], "permutations": [{seed, n, epochs: [perm, ...]}]}. Floats are printed by json
(shortest repr, exact for float64). The spirals use np.sin / np.cos, whose float64 results depend on
the CPU (see ../numpy/README.md): record on an x86-64 CPU with AVX-512.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import make_blobs

HERE = os.path.dirname(os.path.abspath(__file__))


def blobs(**kwargs):
    X, y = make_blobs(**kwargs)
    if "centers" in kwargs and not isinstance(kwargs["centers"], int):
        kwargs = dict(kwargs, centers=[list(map(float, c)) for c in kwargs["centers"]])
    return {"kwargs": kwargs, "X": X.tolist(), "y": [int(v) for v in y]}


def spirals(n, k, noise, seed):
    rs = np.random.RandomState(seed)
    X = np.zeros((n * k, 2))
    y = np.zeros(n * k)
    for j in range(k):
        ix = range(n * j, n * (j + 1))
        r = np.linspace(0.0, 1, n)
        t = np.linspace(j * 4, (j + 1) * 4, n) + rs.randn(n) * noise
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return {"n": n, "k": k, "noise": noise, "seed": seed, "X": X.tolist(), "y": y.tolist()}


def xor(n, noise, seed):
    rs = np.random.RandomState(seed)
    X = rs.uniform(-1, 1, size=(n, 2))
    y = np.logical_xor(X[:, 0] > 0, X[:, 1] > 0).astype(np.float64)
    if noise is not None:
        X += rs.normal(scale=noise, size=(n, 2))
    return {"n": n, "noise": noise, "seed": seed, "X": X.tolist(), "y": y.tolist()}


def perms(seed, n, epochs):
    rs = np.random.RandomState(seed)
    return {"seed": seed, "n": n, "epochs": [rs.permutation(n).tolist() for _ in range(epochs)]}


out = {
    "numpy_version": np.__version__,
    "sklearn_version": sklearn.__version__,
    "blobs": [
        blobs(random_state=0),
        blobs(n_samples=101, n_features=3, centers=4, cluster_std=0.5, center_box=(-5.0, 5.0), random_state=42),
        blobs(n_samples=10, centers=1, shuffle=False, random_state=7),
        blobs(n_samples=37, centers=[[0.0, 0.0], [3.0, -1.5], [-2.5, 4.0]], cluster_std=0.3, random_state=3),
        blobs(n_samples=9, centers=[[1.0, 2.0, 3.0], [-1.0, -2.0, -3.0]], shuffle=False, random_state=11),
    ],
    "spirals": [spirals(100, 3, 0.2, 0), spirals(17, 2, 0.5, 12345), spirals(5, 4, 0.0, 1)],
    "xor": [xor(200, None, 0), xor(33, 0.1, 99)],
    "permutations": [perms(7, 10, 3), perms(2024, 103, 2)],
}
with open(os.path.join(HERE, "datasets-more.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.join(HERE, "datasets-more.json"))
