"""Records PyTorch's layers and losses in float64 as golden values for AutoNet's tests in tests/AutoNet.Tests/Nn/.

Run with Debian's Python (torch 1.13, numpy 1.24, mpmath), from any directory:

    /usr/bin/python3 tests/AutoNet.Tests/Fixtures/torch-nn/record_torch_nn.py

It writes torch-nn.json next to itself. The output is deterministic (torch.manual_seed(0), CPU, float64).

Layout: {"torch": version, "cases": {name: case}}. A tensor is {"shape": [...], "data": [flat row-major floats]}
(a 0-d tensor has shape []). A case holds:
  "inputs"       the tensors fed to the layer or loss, by name ("input", "target", ...)
  "params"       the module's parameters after they were set (by their state_dict names)
  "options"      the constructor arguments that matter (dim, eps, reduction, ...)
  "output"       the forward result
  "grad_output"  a seeded random tensor of the output's shape
  "grads"        d(sum(output * grad_output)) / d(each input and parameter that requires grad), by name
and for losses with class indices "target" is a list of ints under "inputs" as {"shape": [N], "data": [...]}.
"steps" cases (BatchNorm running statistics) hold one entry per training step plus an eval step.
"exact" entries (and "exact_grad_input" in the [N, C] batch-norm steps) were computed with mpmath at 50 digits,
for inputs where float64 PyTorch 1.13 itself rounds badly: the bce_logits_extreme cases, and a batch of N = 2,
whose input gradient is all cancellation (about 1e-4 of the terms it is made of).

Floats are JSON numbers printed by Python's json module (shortest repr), which round-trip a float64 exactly.
"""
import json
import os

import mpmath
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DT = torch.float64
torch.manual_seed(0)


def T(t):
    t = torch.as_tensor(t).detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def I(values):
    return {"shape": [len(values)], "data": [int(v) for v in values]}


def leaf(t):
    return t.to(DT).detach().clone().requires_grad_(True)


def run(fn, inputs, params=None, differentiable=None):
    """Forward, then the gradients of sum(out * grad_output) w.r.t. the differentiable inputs and params."""
    params = params or {}
    differentiable = differentiable if differentiable is not None else list(inputs)
    out = fn(**inputs)
    grad_output = torch.randn(out.shape, dtype=DT)
    wrt = {k: inputs[k] for k in differentiable}
    wrt.update({k: p for k, p in params.items() if p.requires_grad})
    grads = torch.autograd.grad(out, list(wrt.values()), grad_output, allow_unused=True)
    case = {
        "inputs": {k: T(v) for k, v in inputs.items()},
        "params": {k: T(v) for k, v in params.items()},
        "output": T(out),
        "grad_output": T(grad_output),
        "grads": {k: T(g) for k, g in zip(wrt, grads) if g is not None},
    }
    return case


def module_case(module, x, options):
    module = module.to(DT)
    params = dict(module.named_parameters())
    with torch.no_grad():
        for p in params.values():
            p.copy_(torch.randn(p.shape, dtype=DT))
    case = run(lambda input: module(input), {"input": leaf(x)}, params)
    case["options"] = options
    return case


cases = {}

# ---- activations ----
x = torch.randn(4, 5, dtype=DT) * 2
x[0, 0] = 0.0
cases["leaky_relu_default"] = module_case(nn.LeakyReLU(), x, {"negative_slope": 0.01})
cases["leaky_relu_0.2"] = module_case(nn.LeakyReLU(0.2), x, {"negative_slope": 0.2})
x = torch.randn(4, 5, dtype=DT) * 3
x[0, 0] = 0.0
x[0, 1] = 7.5
x[0, 2] = -7.5
cases["gelu_none"] = module_case(nn.GELU(), x, {"approximate": "none"})
cases["gelu_tanh"] = module_case(nn.GELU(approximate="tanh"), x, {"approximate": "tanh"})
x = torch.randn(3, 4, 5, dtype=DT) * 2
for dim in [0, 1, -1]:
    cases[f"softmax_dim{dim}"] = module_case(nn.Softmax(dim=dim), x, {"dim": dim})
    cases[f"log_softmax_dim{dim}"] = module_case(nn.LogSoftmax(dim=dim), x, {"dim": dim})

# erf (behind GELU): torch.erf, and the exact values from mpmath.
xs = [0.0, 1e-300, 1e-20, 1e-9, 1e-5, 0.1, 0.5, 0.84375, 0.9, 1.25, 2.0, 2.4999, 2.5, 2.857, 3.5, 4.0, 5.0,
      5.9, 5.99, 6.0, 6.5, 27.0, 28.0, 1e300]
xs = xs + [-v for v in xs[1:]] + [round(-6.5 + 0.25 * k, 2) for k in range(53)]
x = torch.tensor(xs, dtype=DT)
case = run(lambda input: torch.erf(input), {"input": leaf(x)})
mpmath.mp.dps = 50
case["exact"] = {"output": [float(mpmath.erf(mpmath.mpf(v))) for v in xs]}
cases["erf"] = case

# ---- normalisation ----
x = torch.randn(3, 4, 5, dtype=DT) * 2 + 0.5
cases["layer_norm_5"] = module_case(nn.LayerNorm(5), x, {"normalized_shape": [5], "eps": 1e-5})
cases["layer_norm_4_5"] = module_case(nn.LayerNorm([4, 5]), x, {"normalized_shape": [4, 5], "eps": 1e-5})
cases["layer_norm_5_no_affine_eps_0.1"] = module_case(
    nn.LayerNorm(5, eps=0.1, elementwise_affine=False), x, {"normalized_shape": [5], "eps": 0.1})

cases["batch_norm_nc_train"] = module_case(nn.BatchNorm1d(3), torch.randn(6, 3, dtype=DT) * 2 + 1, {"num_features": 3})
cases["batch_norm_ncl_train"] = module_case(nn.BatchNorm1d(3), torch.randn(4, 3, 5, dtype=DT) * 2 + 1, {"num_features": 3})
cases["batch_norm_nc_no_affine"] = module_case(
    nn.BatchNorm1d(3, affine=False), torch.randn(6, 3, dtype=DT) * 2 + 1, {"num_features": 3, "affine": False})


def batch_norm_exact_input_grad(case, eps):
    """The training-mode input gradient of an [N, C] batch norm, in mpmath at 50 digits."""
    mpmath.mp.dps = 50
    n, c = case["inputs"]["input"]["shape"]
    x, g = case["inputs"]["input"]["data"], case["grad_output"]["data"]
    w = case["params"]["weight"]["data"] if "weight" in case["params"] else [1.0] * c
    result = [0.0] * (n * c)
    for j in range(c):
        xs = [mpmath.mpf(x[i * c + j]) for i in range(n)]
        gs = [mpmath.mpf(g[i * c + j]) for i in range(n)]
        mean = sum(xs) / n
        invstd = 1 / mpmath.sqrt(sum((v - mean) ** 2 for v in xs) / n + mpmath.mpf(eps))
        xhat = [(v - mean) * invstd for v in xs]
        mean_g = sum(gs) / n
        mean_gx = sum(a * b for a, b in zip(gs, xhat)) / n
        for i in range(n):
            result[i * c + j] = float(w[j] * invstd * (gs[i] - mean_g - xhat[i] * mean_gx))
    return result


def batch_norm_steps(module, shapes, options):
    """Training steps (running statistics after each), then an eval step with gradients."""
    module = module.to(DT)
    params = dict(module.named_parameters())
    with torch.no_grad():
        for p in params.values():
            p.copy_(torch.randn(p.shape, dtype=DT))
    steps = []
    for k, shape in enumerate(shapes):
        x = torch.randn(shape, dtype=DT) * (k + 1) + k
        case = run(lambda input: module(input), {"input": leaf(x)}, params)
        case["buffers"] = {n: T(b.to(DT)) for n, b in module.named_buffers()}
        steps.append(case)
        if len(shape) == 2:
            case["exact_grad_input"] = batch_norm_exact_input_grad(case, module.eps)
    module.eval()
    x = torch.randn(shapes[-1], dtype=DT) * 3 - 1
    case = run(lambda input: module(input), {"input": leaf(x)}, params)
    case["buffers"] = {n: T(b.to(DT)) for n, b in module.named_buffers()}
    steps.append(case)
    return {"options": options, "params_initial": {k: T(v) for k, v in params.items()}, "steps": steps}


cases["batch_norm_running_nc"] = batch_norm_steps(nn.BatchNorm1d(3), [(5, 3), (7, 3), (4, 3)],
                                                  {"num_features": 3, "momentum": 0.1})
cases["batch_norm_running_ncl"] = batch_norm_steps(nn.BatchNorm1d(2, momentum=0.3, eps=1e-3), [(3, 2, 4), (2, 2, 5)],
                                                   {"num_features": 2, "momentum": 0.3, "eps": 1e-3})
cases["batch_norm_running_cumulative"] = batch_norm_steps(nn.BatchNorm1d(3, momentum=None), [(5, 3), (6, 3), (2, 3)],
                                                          {"num_features": 3, "momentum": None})
cases["batch_norm_no_tracking"] = batch_norm_steps(nn.BatchNorm1d(3, track_running_stats=False), [(5, 3)],
                                                   {"num_features": 3, "track_running_stats": False})

# ---- losses ----
REDUCTIONS = ["mean", "sum", "none"]
x = torch.randn(4, 3, dtype=DT) * 3
y = torch.rand(4, 3, dtype=DT)
y[0, 0], y[1, 1], y[2, 2] = 0.0, 1.0, 1.0
pw = torch.rand(3, dtype=DT) * 2 + 0.5
w = torch.rand(3, dtype=DT) + 0.5
for r in REDUCTIONS:
    cases[f"bce_logits_{r}"] = run(
        lambda input, target: F.binary_cross_entropy_with_logits(input, target, reduction=r),
        {"input": leaf(x), "target": leaf(y)})
    cases[f"bce_logits_{r}"]["options"] = {"reduction": r}
    cases[f"bce_logits_pos_weight_{r}"] = run(
        lambda input, target: F.binary_cross_entropy_with_logits(input, target, reduction=r, pos_weight=pw),
        {"input": leaf(x), "target": leaf(y)})
    cases[f"bce_logits_pos_weight_{r}"]["options"] = {"reduction": r, "pos_weight": T(pw)}
cases["bce_logits_weight_pos_weight_mean"] = run(
    lambda input, target: F.binary_cross_entropy_with_logits(input, target, weight=w, pos_weight=pw),
    {"input": leaf(x), "target": leaf(y)})
cases["bce_logits_weight_pos_weight_mean"]["options"] = {"reduction": "mean", "pos_weight": T(pw), "weight": T(w)}

# Extreme logits: PyTorch 1.13 computes log(exp(-m) + exp(-x - m)), which is exact except where the loss is
# below ~1e-13 (x = +-30 here) and loses digits there; the "exact" values come from mpmath.
xe = torch.tensor([1000.0, -1000.0, 1000.0, -1000.0, 0.0, 30.0, -30.0, 745.0, -745.0], dtype=DT)
ye = torch.tensor([1.0, 0.0, 0.0, 1.0, 0.5, 1.0, 0.0, 0.25, 0.75], dtype=DT)
pwe = torch.tensor(3.0, dtype=DT)
mpmath.mp.dps = 50


def bce_exact(xv, yv, pwv):
    xv, yv, pwv = mpmath.mpf(xv), mpmath.mpf(yv), mpmath.mpf(pwv)
    sp_neg = mpmath.log1p(mpmath.exp(-xv))  # softplus(-x) = -log(sigmoid(x))
    loss = (1 - yv) * xv + (1 + (pwv - 1) * yv) * sp_neg
    sig = 1 / (1 + mpmath.exp(-xv))
    grad = (1 + (pwv - 1) * yv) * sig - pwv * yv
    return float(loss), float(grad)


for name, pwv in [("bce_logits_extreme", None), ("bce_logits_extreme_pos_weight", pwe)]:
    case = run(lambda input, target: F.binary_cross_entropy_with_logits(input, target, reduction="none", pos_weight=pwv),
               {"input": leaf(xe), "target": leaf(ye)})
    exact = [bce_exact(a, b, 1.0 if pwv is None else float(pwv)) for a, b in zip(xe.tolist(), ye.tolist())]
    case["exact"] = {"output": [e[0] for e in exact], "d_input": [e[1] for e in exact]}
    case["options"] = {"reduction": "none"} if pwv is None else {"reduction": "none", "pos_weight": T(pwv)}
    cases[name] = case

x = torch.randn(4, 3, dtype=DT) * 2
y = torch.randn(4, 3, dtype=DT) * 2
y[0, 0] = x[0, 0]  # a tie: L1's gradient is 0 there, as sign(0)
y[1, 0] = x[1, 0] + 1.0  # |d| == delta: on Huber's boundary
y[2, 0] = x[2, 0] - 0.5  # |d| == 0.5
for r in REDUCTIONS:
    for name, fn in [("mse", F.mse_loss), ("l1", F.l1_loss)]:
        cases[f"{name}_{r}"] = run(lambda input, target: fn(input, target, reduction=r),
                                   {"input": leaf(x), "target": leaf(y)})
        cases[f"{name}_{r}"]["options"] = {"reduction": r}
    for delta in [1.0, 0.5]:
        cases[f"huber_{delta}_{r}"] = run(lambda input, target: F.huber_loss(input, target, reduction=r, delta=delta),
                                          {"input": leaf(x), "target": leaf(y)})
        cases[f"huber_{delta}_{r}"]["options"] = {"reduction": r, "delta": delta}

logits = torch.randn(5, 4, dtype=DT) * 2
classes = torch.tensor([0, 3, 1, 1, 2])
probs = torch.softmax(torch.randn(5, 4, dtype=DT), dim=1)
for r in REDUCTIONS:
    for ls in [0.0, 0.1]:
        case = run(lambda input: F.cross_entropy(input, classes, reduction=r, label_smoothing=ls), {"input": leaf(logits)})
        case["inputs"]["target"] = I(classes.tolist())
        case["options"] = {"reduction": r, "label_smoothing": ls}
        cases[f"cross_entropy_ls{ls}_{r}"] = case
        case = run(lambda input, target: F.cross_entropy(input, target, reduction=r, label_smoothing=ls),
                   {"input": leaf(logits), "target": leaf(probs)})
        case["options"] = {"reduction": r, "label_smoothing": ls}
        cases[f"cross_entropy_probs_ls{ls}_{r}"] = case
    logp = torch.log_softmax(torch.randn(5, 4, dtype=DT), dim=1)
    case = run(lambda input: F.nll_loss(input, classes, reduction=r), {"input": leaf(logp)})
    case["inputs"]["target"] = I(classes.tolist())
    case["options"] = {"reduction": r}
    cases[f"nll_{r}"] = case

xe = torch.tensor([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 500.0], [0.0, 0.0, 0.0], [-1000.0, -1000.0, -999.0]], dtype=DT)
ce = torch.tensor([1, 0, 2, 2])
for ls in [0.0, 0.1]:
    case = run(lambda input: F.cross_entropy(input, ce, reduction="none", label_smoothing=ls), {"input": leaf(xe)})
    case["inputs"]["target"] = I(ce.tolist())
    case["options"] = {"reduction": "none", "label_smoothing": ls}
    cases[f"cross_entropy_extreme_ls{ls}"] = case

with open(os.path.join(HERE, "torch-nn.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=None, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to torch-nn.json")
