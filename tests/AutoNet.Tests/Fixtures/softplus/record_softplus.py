"""Records PyTorch's softplus and its gradient for tests/AutoNet.Tests/DocSamples/SoftplusTests.cs and
tests/AutoNet.Tests/Ops/SoftplusTests.cs.

Run with Debian's python3 (torch 1.13):  /usr/bin/python3 tests/AutoNet.Tests/Fixtures/softplus/record_softplus.py
It rewrites softplus-torch.json beside this script.
"""
import json
import os

import torch

x = torch.tensor([-30.0, -5.0, -1.5, -0.1, 0.0, 0.1, 1.5, 5.0, 15.0], dtype=torch.float64, requires_grad=True)
y = torch.nn.functional.softplus(x)  # beta=1, threshold=20: every x here is below the threshold
upstream = torch.linspace(-1.0, 2.0, x.numel(), dtype=torch.float64)
y.backward(upstream)

out = {
    "about": "torch.nn.functional.softplus(x) and the gradient of (softplus(x) * upstream).sum() with respect to x, float64, "
             "recorded by record_softplus.py with torch " + torch.__version__,
    "x": x.detach().tolist(),
    "upstream": upstream.tolist(),
    "y": y.detach().tolist(),
    "grad": x.grad.tolist(),
    "threshold_cases": [],
}

# Around and above the threshold, where PyTorch returns x itself (beta * x > threshold) and the gradient is exactly 1.
for beta, threshold, dtype, values in [
    (1.0, 20.0, torch.float64, [-1000.0, -30.0, 0.0, 19.5, 20.0, 20.5, 25.0, 1000.0]),
    (1.0, 20.0, torch.float32, [-1000.0, -30.0, 0.0, 19.5, 20.0, 20.5, 25.0, 1000.0]),
    (2.0, 5.0, torch.float64, [-1000.0, -3.0, 0.0, 1.0, 2.4, 2.5, 2.6, 3.0, 10.0, 1000.0]),
    (2.0, 5.0, torch.float32, [-1000.0, -3.0, 0.0, 1.0, 2.4, 2.5, 2.6, 3.0, 10.0, 1000.0]),
]:
    x = torch.tensor(values, dtype=dtype, requires_grad=True)
    y = torch.nn.functional.softplus(x, beta=beta, threshold=threshold)
    y.backward(torch.ones_like(y))
    out["threshold_cases"].append({
        "beta": beta, "threshold": threshold, "dtype": str(dtype).replace("torch.", ""),
        "x": x.detach().tolist(), "y": y.detach().tolist(), "grad": x.grad.tolist(),
    })

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "softplus-torch.json"), "w") as f:
    json.dump(out, f, indent=1)
