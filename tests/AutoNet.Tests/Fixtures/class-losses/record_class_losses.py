"""Records PyTorch 1.13's cross_entropy and nll_loss with class weights, ignore_index, K-dim and unbatched inputs and
int64 targets, for tests/AutoNet.Tests/Nn/ClassLossFixtureTests.cs (the op case table has no int64 inputs).

Run with Debian's python3 (torch 1.13):  /usr/bin/python3 tests/AutoNet.Tests/Fixtures/class-losses/record_class_losses.py
It rewrites class-losses-torch.json beside this script. Non-finite numbers are written as the strings "NaN",
"Infinity", "-Infinity".
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F


def number(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def tensor(t):
    return {"shape": list(t.shape), "data": [number(v) for v in t.detach().reshape(-1).tolist()]}


cases = []


def record(name, fn, shape, target, *, dtype=torch.float64, weight=None, ignore_index=-100, reduction="mean",
           label_smoothing=0.0, seed=0):
    """target: a list of ints with its shape (class indices) or "probs" (random class probabilities of the input's shape)."""
    rng = np.random.RandomState(seed)
    x = torch.tensor(rng.randn(*shape) * 2.0, dtype=torch.float64).to(dtype).requires_grad_()
    if target == "probs":
        p = rng.rand(*shape)
        class_dim = 0 if len(shape) == 1 else 1
        t = torch.tensor(p / p.sum(axis=class_dim, keepdims=True), dtype=torch.float64).to(dtype)
        kind = "probs"
    else:
        values, tshape = target
        t = torch.tensor(values, dtype=torch.int64).reshape(tshape)
        kind = "int64"
    w = None if weight is None else torch.tensor(weight, dtype=torch.float64).to(dtype)
    if fn == "cross_entropy":
        y = F.cross_entropy(x, t, weight=w, ignore_index=ignore_index, reduction=reduction, label_smoothing=label_smoothing)
    else:
        y = F.nll_loss(x, t, weight=w, ignore_index=ignore_index, reduction=reduction)
    g = torch.tensor(rng.randn(*y.shape) if y.dim() else 1.25, dtype=torch.float64).to(dtype)
    y.backward(g)
    cases.append({
        "name": name, "fn": fn, "dtype": str(dtype).replace("torch.", ""), "target_kind": kind,
        "weight": weight, "ignore_index": ignore_index, "reduction": reduction, "label_smoothing": label_smoothing,
        "input": tensor(x), "target": tensor(t), "output": tensor(y), "grad_output": tensor(g), "grad_input": tensor(x.grad),
    })


W4 = [0.5, 2.0, 1.5, 0.25]
T2 = ([0, 3, -100, 1, 2], [5])                 # [5, 4] input, one ignored target
TK1 = ([0, 2, 1, -100, 2, 2, 0, 1], [2, 4])       # [2, 3, 4] input
TK2 = ([1, 0, 2, 2, 1, 1, 0, 0, 2, 1, 1, 1], [2, 2, 3])  # [2, 3, 2, 3] input, ignore_index 1 in some cases
for fn in ["cross_entropy", "nll_loss"]:
    smoothing = [0.0, 0.2] if fn == "cross_entropy" else [0.0]
    for ls in smoothing:
        for reduction in ["mean", "sum", "none"]:
            for weight in [None, W4]:
                tag = f"{fn}_ls{ls}_{reduction}_{'w' if weight else 'now'}"
                record(f"{tag}_2d", fn, [5, 4], T2, weight=weight, reduction=reduction, label_smoothing=ls, seed=1)
                record(f"{tag}_2d_f32", fn, [5, 4], T2, dtype=torch.float32, weight=weight, reduction=reduction, label_smoothing=ls, seed=1)
                record(f"{tag}_k1", fn, [2, 4, 4], TK1, weight=weight, reduction=reduction, label_smoothing=ls, seed=2)
                record(f"{tag}_k2_ignore1", fn, [2, 3, 2, 3], TK2, weight=None if weight is None else W4[:3], ignore_index=1,
                       reduction=reduction, label_smoothing=ls, seed=3)
                record(f"{tag}_unbatched", fn, [4], ([2], []), weight=weight, reduction=reduction, label_smoothing=ls, seed=4)
                record(f"{tag}_unbatched_ignored", fn, [4], ([-100], []), weight=weight, reduction=reduction, label_smoothing=ls, seed=5)
                record(f"{tag}_all_ignored", fn, [3, 4], ([-100, -100, -100], [3]), weight=weight, reduction=reduction,
                       label_smoothing=ls, seed=6)
for ls in [0.0, 0.3]:
    for reduction in ["mean", "sum", "none"]:
        for weight in [None, W4]:
            tag = f"cross_entropy_probs_ls{ls}_{reduction}_{'w' if weight else 'now'}"
            record(f"{tag}_2d", "cross_entropy", [5, 4], "probs", weight=weight, reduction=reduction, label_smoothing=ls, seed=7)
            record(f"{tag}_k1", "cross_entropy", [2, 4, 3], "probs", weight=weight, reduction=reduction, label_smoothing=ls, seed=8)
            record(f"{tag}_unbatched", "cross_entropy", [4], "probs", weight=weight, reduction=reduction, label_smoothing=ls, seed=9)

out = {
    "about": "F.cross_entropy / F.nll_loss outputs and input gradients (of (loss * grad_output).sum()), recorded by "
             "record_class_losses.py with torch " + torch.__version__,
    "cases": cases,
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "class-losses-torch.json"), "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
print(f"wrote {len(cases)} cases")
