"""Records torch.nn.RNN, GRU and LSTM (PyTorch 1.13, CPU, float64) as golden values for
tests/AutoNet.Tests/Nn/RecurrentFixtureTests.cs.

Run with Debian's Python (torch 1.13), from any directory:

    /usr/bin/python3 tests/AutoNet.Tests/Fixtures/torch-rnn/record_torch_rnn.py

It writes torch-rnn.json next to itself. The output is deterministic (torch.manual_seed per case, CPU, float64).

Layout: {"torch": version, "cases": {name: case}}. A tensor is {"shape": [...], "data": [flat row-major floats]}.
A case holds:
  "options"      kind ("RNN", "GRU", "LSTM"), input_size, hidden_size, num_layers, bias, batch_first, nonlinearity
  "params"       the module's state dict (torch's default init under the case's seed), by name
  "inputs"       "input", and "h0" (and "c0" for LSTM) when the case gives an initial state
  "output"       the output sequence; "h_n" (and "c_n") the final state
  "grad_output", "grad_h_n", "grad_c_n"   seeded random tensors shaped as output, h_n, c_n
  "grads"        d(sum(output * grad_output) + sum(h_n * grad_h_n) [+ sum(c_n * grad_c_n)]) / d(each input and
                 parameter), by name
The module is in training mode with dropout 0 (dropout's random stream is not PyTorch's, so it is not recorded).

Floats are JSON numbers printed by Python's json module (shortest repr), which round-trip a float64 exactly.
"""
import json
import os

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
DT = torch.float64


def T(t):
    t = torch.as_tensor(t).detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


# name, kind, input_size, hidden_size, num_layers, bias, batch_first, nonlinearity, input shape, initial state
CASES = [
    ("rnn_tanh_1layer_h0", "RNN", 3, 4, 1, True, False, "tanh", [5, 2, 3], True),
    ("rnn_relu_2layers_batch_first_no_bias", "RNN", 2, 3, 2, False, True, "relu", [3, 4, 2], True),
    ("rnn_tanh_unbatched", "RNN", 3, 2, 2, True, False, "tanh", [4, 3], False),
    ("gru_1layer", "GRU", 3, 4, 1, True, False, None, [5, 2, 3], False),
    ("gru_2layers_h0", "GRU", 2, 3, 2, True, False, None, [4, 3, 2], True),
    ("gru_batch_first_unbatched_h0", "GRU", 3, 2, 1, True, True, None, [6, 3], True),
    ("lstm_1layer", "LSTM", 3, 4, 1, True, False, None, [5, 2, 3], False),
    ("lstm_2layers_batch_first_state", "LSTM", 2, 3, 2, True, True, None, [3, 4, 2], True),
    ("lstm_unbatched_no_bias_state", "LSTM", 3, 2, 2, False, False, None, [4, 3], True),
]


def record(seed, name, kind, input_size, hidden_size, num_layers, bias, batch_first, nonlinearity, shape, with_state):
    torch.manual_seed(seed)
    kwargs = dict(num_layers=num_layers, bias=bias, batch_first=batch_first)
    if kind == "RNN":
        module = nn.RNN(input_size, hidden_size, nonlinearity=nonlinearity, **kwargs)
    else:
        module = getattr(nn, kind)(input_size, hidden_size, **kwargs)
    module = module.to(DT)
    x = torch.randn(shape, dtype=DT, requires_grad=True)
    batched = len(shape) == 3
    n = (shape[0] if batch_first else shape[1]) if batched else None
    state_shape = [num_layers, n, hidden_size] if batched else [num_layers, hidden_size]
    inputs = {"input": x}
    if with_state:
        inputs["h0"] = (0.5 * torch.randn(state_shape, dtype=DT)).requires_grad_(True)
        if kind == "LSTM":
            inputs["c0"] = (0.5 * torch.randn(state_shape, dtype=DT)).requires_grad_(True)
    if kind == "LSTM":
        output, (h_n, c_n) = module(x, (inputs["h0"], inputs["c0"]) if with_state else None)
    else:
        output, h_n = module(x, inputs.get("h0"))
        c_n = None
    grad_output = torch.randn(output.shape, dtype=DT)
    grad_h_n = torch.randn(h_n.shape, dtype=DT)
    loss = (output * grad_output).sum() + (h_n * grad_h_n).sum()
    case = {
        "options": {"kind": kind, "input_size": input_size, "hidden_size": hidden_size, "num_layers": num_layers,
                    "bias": bias, "batch_first": batch_first, "nonlinearity": nonlinearity or "tanh"},
        "params": {k: T(v) for k, v in module.state_dict().items()},
        "inputs": {k: T(v) for k, v in inputs.items()},
        "output": T(output),
        "h_n": T(h_n),
        "grad_output": T(grad_output),
        "grad_h_n": T(grad_h_n),
    }
    if c_n is not None:
        grad_c_n = torch.randn(c_n.shape, dtype=DT)
        loss = loss + (c_n * grad_c_n).sum()
        case["c_n"] = T(c_n)
        case["grad_c_n"] = T(grad_c_n)
    wrt = dict(inputs)
    wrt.update(dict(module.named_parameters()))
    grads = torch.autograd.grad(loss, list(wrt.values()))
    case["grads"] = {k: T(g) for k, g in zip(wrt, grads)}
    return case


cases = {}
for seed, spec in enumerate(CASES):
    cases[spec[0]] = record(seed, *spec)

with open(os.path.join(HERE, "torch-rnn.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=None, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to torch-rnn.json")
