"""Records what torch.nn.init (PyTorch 1.13) asks of the random fill for given shapes and arguments.

For each case, the initialiser is called on a float64 tensor while Tensor.uniform_ / Tensor.normal_ are replaced by
recorders, so the file holds torch's own bounds (uniform: a, b) and standard deviations (normal: mean, std) - not
its random streams, which differ from AutoNet's NumPy-compatible ones. Also calculate_gain for every nonlinearity
torch names, and _calculate_fan_in_and_fan_out. Output: torch-init.json next to this script, deterministic.

Run from the repository root: /usr/bin/python3 tests/AutoNet.Tests/Fixtures/torch-init/record_torch_init.py
"""
import json
import os
import torch

calls = []
orig_uniform, orig_normal = torch.Tensor.uniform_, torch.Tensor.normal_


def rec_uniform(self, a=0.0, b=1.0, generator=None):
    calls.append({"op": "uniform", "a": float(a), "b": float(b)})
    return self


def rec_normal(self, mean=0.0, std=1.0, generator=None):
    calls.append({"op": "normal", "mean": float(mean), "std": float(std)})
    return self


torch.Tensor.uniform_, torch.Tensor.normal_ = rec_uniform, rec_normal
init = torch.nn.init
cases = []
shapes = [[3, 5], [7, 2], [4, 3, 5], [8, 3, 3, 3], [16, 8, 3, 3], [2, 6, 2, 3, 1]]
kwargs_list = {
    "xavier_uniform_": [{}, {"gain": 2.5}],
    "xavier_normal_": [{}, {"gain": 0.3}],
    "kaiming_uniform_": [{}, {"a": 5 ** 0.5}, {"mode": "fan_out", "nonlinearity": "relu"}, {"nonlinearity": "tanh"},
                         {"a": 0.2, "mode": "fan_out"}, {"nonlinearity": "selu"}],
    "kaiming_normal_": [{}, {"a": 0.1}, {"mode": "fan_out", "nonlinearity": "relu"}, {"nonlinearity": "sigmoid"}],
}
for name, kwl in kwargs_list.items():
    for shape in shapes:
        for kw in kwl:
            calls.clear()
            getattr(init, name)(torch.zeros(shape, dtype=torch.float64), **kw)
            assert len(calls) == 1
            fan_in, fan_out = init._calculate_fan_in_and_fan_out(torch.zeros(shape))
            cases.append({"fn": name, "shape": shape, "kwargs": kw, "fan_in": fan_in, "fan_out": fan_out, **calls[0]})

gains = []
for nl in ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
           "sigmoid", "tanh", "relu", "selu"]:
    gains.append({"nonlinearity": nl, "param": None, "gain": init.calculate_gain(nl)})
for p in [None, 0.0, 0.2, 5 ** 0.5, -1.5]:
    gains.append({"nonlinearity": "leaky_relu", "param": p, "gain": init.calculate_gain("leaky_relu", p)})

torch.Tensor.uniform_, torch.Tensor.normal_ = orig_uniform, orig_normal
out = {"torch": torch.__version__, "cases": cases, "gains": gains}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch-init.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"{len(cases)} cases, {len(gains)} gains -> {path}")
