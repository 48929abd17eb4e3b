#!/usr/bin/env python3
"""Records PyTorch 1.13 optimiser trajectories, scheduler learning rates and clip_grad_norm_ results
for tests/AutoNet.Tests/Optim/*.

Run from the repository root with Debian's Python (it has torch 1.13):

    /usr/bin/python3 tests/AutoNet.Tests/Fixtures/torch-optim/record_torch_optim.py

It writes torch-optim.json beside this script. Everything is float64 unless a case says float32; floats
are printed by Python's json module (shortest repr), which round-trips a float64 exactly.

Layout of torch-optim.json:
  "optimisers": list of cases {name, optimiser, kwargs, dtype, steps, skip_second_on_odd_steps,
      init: [p0 values, p1 values], shapes, c: [c0, c1], t: [t0, t1],
      trajectory: [[p0 values, p1 values] after step 1, ..., after step `steps`]}
      The loss is elementwise quadratic 0.5 * sum(c * (p - t)^2), so the gradient is set directly as
      grad = c * (p - t) (one multiply, one subtract: the same rounding in both libraries), isolating the
      optimiser's own arithmetic. With skip_second_on_odd_steps, p1.grad is None on odd steps (1, 3, ...),
      so p1's state (its step count) advances only on even steps.
  "schedulers": list of {name, kwargs, lr0, lrs: optimizer lr after each of 40 scheduler.step() calls}
  "clip": list of {max_norm, norm_type, grads (before), shapes, total_norm, clipped (after)}
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 20


def fixed_problem(dtype):
    g = torch.Generator().manual_seed(1234)
    shapes = [[3, 4], [5]]
    init = [torch.randn(s, generator=g, dtype=torch.float64).to(dtype) for s in shapes]
    c = [(torch.rand(s, generator=g, dtype=torch.float64) * 4 + 0.1).to(dtype) for s in shapes]
    t = [torch.randn(s, generator=g, dtype=torch.float64).to(dtype) for s in shapes]
    return shapes, init, c, t


def flat(x):
    return [float(v) for v in x.detach().reshape(-1).tolist()]


def run(name, cls, kwargs, dtype=torch.float64, skip=False):
    shapes, init, c, t = fixed_problem(dtype)
    params = [p.clone().requires_grad_(True) for p in init]
    opt = cls(params, **kwargs)
    trajectory = []
    for step in range(1, STEPS + 1):
        opt.zero_grad(set_to_none=True)
        for i, p in enumerate(params):
            if skip and i == 1 and step % 2 == 1:
                continue
            with torch.no_grad():
                p.grad = c[i] * (p - t[i])
        opt.step()
        trajectory.append([flat(p) for p in params])
    return {
        "name": name, "optimiser": cls.__name__, "kwargs": kwargs,
        "dtype": "float32" if dtype == torch.float32 else "float64",
        "steps": STEPS, "skip_second_on_odd_steps": skip, "shapes": shapes,
        "init": [flat(p) for p in init], "c": [flat(x) for x in c], "t": [flat(x) for x in t],
        "trajectory": trajectory,
    }


O = torch.optim
optimisers = [
    run("adam_default", O.Adam, {}),
    run("adam_lr_wd_amsgrad", O.Adam, {"lr": 0.05, "betas": [0.8, 0.99], "eps": 1e-6, "weight_decay": 0.1, "amsgrad": True}),
    run("adam_skip", O.Adam, {"lr": 0.01}, skip=True),
    run("adam_float32", O.Adam, {"lr": 0.01}, dtype=torch.float32),
    run("adamw_default", O.AdamW, {}),
    run("adamw_lr_wd_amsgrad", O.AdamW, {"lr": 0.05, "betas": [0.85, 0.995], "eps": 1e-7, "weight_decay": 0.3, "amsgrad": True}),
    run("adamw_float32", O.AdamW, {"lr": 0.02}, dtype=torch.float32),
    run("rmsprop_default", O.RMSprop, {}),
    run("rmsprop_centered_momentum_wd", O.RMSprop, {"lr": 0.005, "alpha": 0.9, "eps": 1e-6, "weight_decay": 0.05, "momentum": 0.7, "centered": True}),
    run("rmsprop_momentum", O.RMSprop, {"lr": 0.01, "momentum": 0.9}, skip=True),
    run("rmsprop_float32", O.RMSprop, {"lr": 0.01, "centered": True}, dtype=torch.float32),
    run("adagrad_default", O.Adagrad, {}),
    run("adagrad_decay_wd_init", O.Adagrad, {"lr": 0.1, "lr_decay": 0.05, "weight_decay": 0.02, "initial_accumulator_value": 0.5, "eps": 1e-8}),
    run("adagrad_skip", O.Adagrad, {"lr": 0.1}, skip=True),
    run("adagrad_float32", O.Adagrad, {"lr": 0.1, "lr_decay": 0.01}, dtype=torch.float32),
    run("sgd_momentum_dampening_wd", O.SGD, {"lr": 0.05, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
    run("sgd_nesterov", O.SGD, {"lr": 0.05, "momentum": 0.8, "nesterov": True}),
]


def lr_sequence(name, cls, kwargs, lr0=0.1, n=40):
    p = torch.zeros(1, requires_grad=True)
    opt = O.SGD([p], lr=lr0)
    sched = cls(opt, **kwargs)
    lrs = []
    for _ in range(n):
        opt.step()
        sched.step()
        lrs.append(opt.param_groups[0]["lr"])
    return {"name": name, "scheduler": cls.__name__, "kwargs": kwargs, "lr0": lr0, "lrs": lrs}


S = O.lr_scheduler
schedulers = [
    lr_sequence("step", S.StepLR, {"step_size": 3, "gamma": 0.5}),
    lr_sequence("step_default_gamma", S.StepLR, {"step_size": 7}),
    lr_sequence("exponential", S.ExponentialLR, {"gamma": 0.9}),
    lr_sequence("cosine", S.CosineAnnealingLR, {"T_max": 10, "eta_min": 0.001}),
    lr_sequence("cosine_zero_min", S.CosineAnnealingLR, {"T_max": 7}, lr0=0.3),
]


def clip_case(max_norm, norm_type, seed):
    g = torch.Generator().manual_seed(seed)
    shapes = [[2, 3], [4], [1]]
    grads = [torch.randn(s, generator=g) * 3 for s in shapes]
    params = [torch.zeros(s, requires_grad=True) for s in shapes]
    for p, gr in zip(params, grads):
        p.grad = gr.clone()
    total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type)
    return {"max_norm": max_norm, "norm_type": "inf" if math.isinf(norm_type) else norm_type,
            "shapes": shapes, "grads": [flat(x) for x in grads], "total_norm": float(total),
            "clipped": [flat(p.grad) for p in params]}


clip = [clip_case(1.0, 2.0, 1), clip_case(100.0, 2.0, 2), clip_case(0.5, 1.0, 3), clip_case(2.0, float("inf"), 4),
        clip_case(1.5, 3.0, 5), clip_case(0.0, 2.0, 6)]

out = {"torch_version": torch.__version__, "optimisers": optimisers, "schedulers": schedulers, "clip": clip}
with open(os.path.join(HERE, "torch-optim.json"), "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.join(HERE, "torch-optim.json"))
