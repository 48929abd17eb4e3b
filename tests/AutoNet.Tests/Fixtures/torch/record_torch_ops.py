#!/usr/bin/python3
"""Records PyTorch golden values for every AutoNet op into torch-ops.json (next to this script).

Run from the repository root with Debian's interpreter (torch 1.13, numpy 1.24):

    /usr/bin/python3 tests/AutoNet.Tests/Fixtures/torch/record_torch_ops.py

Each case holds the inputs, the forward output, a seeded random grad_output and the gradient of every input
that requires grad (torch.autograd.grad). Inputs are generated in float64 from a numpy RandomState seeded by a
CRC32 of the case name, so the file is reproducible and independent of case order; the float32 variant of a
case uses the same values rounded to float32. Floats are written so they round-trip exactly: float64 values as
Python's shortest repr, float32 values as the float64 value of the float32; non-finite values as the strings
"NaN", "Infinity", "-Infinity".
"""
import json
import math
import os
import platform
import sys
import zlib

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
DTYPES = {"float64": torch.float64, "float32": torch.float32}
CASES = []
NAMES = set()


def enc(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def tjson(t):
    t = t.detach()
    return {
        "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape),
        "data": [enc(v) for v in t.reshape(-1).tolist()],
    }


def rng_for(name):
    return np.random.RandomState(zlib.crc32(name.encode()) & 0x7FFFFFFF)


def record(op, name, fn, inputs, requires_grad=None, args=None, dtypes=("float64", "float32"), input_dtypes=None):
    """inputs: list of float64 numpy arrays (0-d allowed). fn(*tensors) -> tensor."""
    requires_grad = requires_grad or [True] * len(inputs)
    for dt in dtypes:
        cid = f"{op}/{name}/{dt}"
        assert cid not in NAMES, cid
        NAMES.add(cid)
        in_dts = input_dtypes or [dt] * len(inputs)
        xs = [torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64).to(DTYPES[d]).requires_grad_(rg)
              for a, d, rg in zip(inputs, in_dts, requires_grad)]
        y = fn(*xs)
        gen = rng_for(cid + "/grad_output")
        g = torch.tensor(gen.standard_normal(tuple(y.shape)), dtype=torch.float64).to(y.dtype)
        wanted = [x for x in xs if x.requires_grad]
        grads = list(torch.autograd.grad(y, wanted, g, allow_unused=True)) if wanted and y.requires_grad else []
        out_grads = []
        for x in xs:
            if x.requires_grad:
                gx = grads.pop(0)
                out_grads.append(tjson(gx if gx is not None else torch.zeros_like(x)))
            else:
                out_grads.append(None)
        CASES.append({
            "id": cid,
            "op": op,
            "dtype": str(y.dtype).replace("torch.", ""),
            "args": args or {},
            "inputs": [dict(tjson(x), requires_grad=x.requires_grad) for x in xs],
            "output": tjson(y),
            "grad_output": tjson(g),
            "grads": out_grads,
        })


def normal(name, shape, scale=1.0):
    return rng_for(name).standard_normal(shape) * scale


def away_from_zero(name, shape, lo=0.5, hi=2.0):
    r = rng_for(name)
    return r.uniform(lo, hi, shape) * np.where(r.uniform(size=shape) < 0.5, -1.0, 1.0)


def positive(name, shape, lo=0.1, hi=4.0):
    return rng_for(name).uniform(lo, hi, shape)


def sname(shape):
    return "x".join(str(s) for s in shape) if len(shape) else "scalar"


# ---------------------------------------------------------------- binary ops and broadcasting
BINARY = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b, "div": lambda a, b: a / b}
PATTERNS = [((3, 4), (3, 4)), ((3, 4), (4,)), ((4,), (3, 4)), ((3, 1), (1, 4)), ((2, 3, 4), (3, 1)),
            ((2, 3, 4), (4,)), ((2, 1, 4), (3, 1)), ((), (3, 4)), ((3, 4), ()), ((), ()), ((1,), (3, 4)),
            ((5,), (5,)), ((2, 3, 4), (2, 3, 4)), ((1, 1), (2, 3, 4))]
for op, fn in BINARY.items():
    for sa, sb in PATTERNS:
        nm = f"{sname(sa)}_{sname(sb)}"
        a = normal(f"{op}/{nm}/a", sa)
        b = away_from_zero(f"{op}/{nm}/b", sb) if op == "div" else normal(f"{op}/{nm}/b", sb)
        record(op, nm, fn, [a, b])
    # only one side requires grad
    a, b = normal(f"{op}/onlyA/a", (3, 4)), away_from_zero(f"{op}/onlyA/b", (4,))
    record(op, "3x4_4_only_a_requires_grad", fn, [a, b], requires_grad=[True, False])
    record(op, "3x4_4_only_b_requires_grad", fn, [a, b], requires_grad=[False, True])
    # a tensor with a number on either side (operators taking a double)
    x = away_from_zero(f"{op}/number/x", (3, 4))
    record(op, "tensor_number", lambda t, op=op: BINARY[op](t, 2.5), [x], args={"number": 2.5, "side": "right"})
    record(op, "number_tensor", lambda t, op=op: BINARY[op](-1.25, t), [x], args={"number": -1.25, "side": "left"})

# mixed dtypes: PyTorch's promotion (a 0-d tensor takes the dimensioned operand's dtype)
for op, fn in BINARY.items():
    for (sa, da), (sb, db) in [(((3, 4), "float32"), ((4,), "float64")), (((3, 4), "float32"), ((), "float64")),
                               (((), "float32"), ((3, 4), "float64")), (((), "float64"), ((2, 3), "float32"))]:
        nm = f"{sname(sa)}_{da}_{sname(sb)}_{db}"
        a = normal(f"mixed/{op}/{nm}/a", sa)
        b = away_from_zero(f"mixed/{op}/{nm}/b", sb)
        record(op, "mixed_" + nm, fn, [a, b], dtypes=("mixed",), input_dtypes=[da, db])

# the division edge: x / 0
record("div", "by_zero", lambda a, b: a / b, [np.array([1.0, -2.0, 0.0, 3.0]), np.array([0.0, 0.0, 0.0, 2.0])],
       requires_grad=[True, False])

# ---------------------------------------------------------------- unary elementwise
record("neg", "3x4", lambda x: -x, [normal("neg/3x4", (3, 4))])
record("neg", "scalar", lambda x: -x, [np.array(1.5)])

for e in [2, 3, 0.5, -1, -2, 1.7, 0, 1, -0.5, 2.5]:
    nm = f"exp_{e}".replace(".", "p").replace("-", "m")
    x = positive(f"pow/{nm}", (3, 4)) if float(e) != int(e) else away_from_zero(f"pow/{nm}", (3, 4))
    record("pow", nm, lambda t, e=e: t.pow(e), [x], args={"exponent": e})
for e in [2, 3, 0, 1]:  # integer powers at exactly 0 and at negative bases
    nm = f"exp_{e}_at_zero".replace("-", "m")
    record("pow", nm, lambda t, e=e: t.pow(e), [np.array([0.0, -1.5, 2.0, -0.25])], args={"exponent": e})

UNARY = {
    "exp": (torch.exp, lambda n, s: normal(n, s, 2.0)),
    "log": (torch.log, lambda n, s: positive(n, s, 0.05, 10.0)),
    "sqrt": (torch.sqrt, lambda n, s: positive(n, s, 0.05, 10.0)),
    "abs": (torch.abs, lambda n, s: normal(n, s)),
    "relu": (torch.relu, lambda n, s: normal(n, s)),
    "sigmoid": (torch.sigmoid, lambda n, s: normal(n, s, 3.0)),
    "tanh": (torch.tanh, lambda n, s: normal(n, s, 2.0)),
}
for op, (fn, gen) in UNARY.items():
    for shape in [(3, 4), (2, 3, 4), (7,), ()]:
        record(op, sname(shape), fn, [gen(f"{op}/{sname(shape)}", shape)])

record("exp", "large", torch.exp, [np.array([-745.0, -700.0, -50.0, 0.0, 50.0, 700.0, 709.0])])
record("log", "tiny_and_large", torch.log, [np.array([1e-300, 1e-10, 1.0, 1e10, 1e300])])
record("log", "zero", torch.log, [np.array([0.0, 1.0, 2.0])])
record("sqrt", "tiny_and_large", torch.sqrt, [np.array([1e-300, 1e-10, 1.0, 1e10, 1e300])])
record("sqrt", "zero", torch.sqrt, [np.array([0.0, 4.0])])
record("abs", "with_zeros", torch.abs, [np.array([0.0, -0.0, 1.5, -2.5, 0.0])])
record("relu", "with_zeros", torch.relu, [np.array([0.0, -0.0, 1.5, -2.5, 0.0, 1e-300, -1e-300])])
EXTREME = np.array([-1000.0, -745.0, -710.0, -100.0, -40.0, -20.0, -5.0, -1e-8, 0.0, 1e-8, 5.0, 20.0, 40.0,
                    100.0, 710.0, 745.0, 1000.0])
record("sigmoid", "extreme", torch.sigmoid, [EXTREME])
record("tanh", "extreme", torch.tanh, [EXTREME])
record("tanh", "small", torch.tanh, [np.array([1e-300, 1e-20, 1e-8, -1e-5, 1e-3, 0.1, -0.5, 0.9])])
record("sigmoid", "moderate", torch.sigmoid, [np.linspace(-30, 30, 25)])
record("tanh", "moderate", torch.tanh, [np.linspace(-10, 10, 25)])

for lo, hi in [(-0.5, 0.5), (None, 0.3), (-0.2, None), (0.0, 0.0)]:
    nm = f"min_{lo}_max_{hi}".replace("-", "m").replace(".", "p")
    x = normal(f"clamp/{nm}", (3, 4))
    record("clamp", nm, lambda t, lo=lo, hi=hi: torch.clamp(t, lo, hi), [x],
           args={"min": enc(-math.inf if lo is None else lo), "max": enc(math.inf if hi is None else hi)})
record("clamp", "at_bounds", lambda t: torch.clamp(t, -0.5, 0.5), [np.array([-0.5, 0.5, -0.7, 0.7, 0.0])],
       args={"min": -0.5, "max": 0.5})

# ---------------------------------------------------------------- softmax family
for op, fn in [("softmax", torch.softmax), ("log_softmax", torch.log_softmax)]:
    for shape, dims in [((5,), [0, -1]), ((3, 4), [0, 1, -1, -2]), ((2, 3, 4), [0, 1, 2, -1, -3])]:
        for d in dims:
            nm = f"{sname(shape)}_dim{d}".replace("-", "m")
            record(op, nm, lambda t, d=d: fn(t, d), [normal(f"{op}/{nm}", shape, 2.0)], args={"dim": d})
    # the last row overflows float32 to ±inf in the float32 variant: 1e30 keeps it finite there
    big = np.array([[1000.0, 1001.0, 999.0, -1000.0], [-1000.0, 0.0, 1000.0, 500.0], [1e30, 1e30, 0.0, -1e30]])
    record(op, "large_dim1", lambda t: fn(t, 1), [big], args={"dim": 1})
    record(op, "large_dim0", lambda t: fn(t, 0), [big[:2]], args={"dim": 0})
    record(op, "with_minus_inf", lambda t: fn(t, -1), [np.array([[-np.inf, 0.0, 1.0], [2.0, -np.inf, -1.0]])],
           args={"dim": -1})

# ---------------------------------------------------------------- reductions
for op in ["sum", "mean", "max"]:
    for shape in [(5,), (3, 4), (2, 3, 4)]:
        if op != "max":
            record(op, f"{sname(shape)}_all", lambda t, op=op: getattr(t, op)(), [normal(f"{op}/{sname(shape)}", shape)])
        for d in list(range(len(shape))) + list(range(-len(shape), 0)):
            for keep in [False, True]:
                nm = f"{sname(shape)}_dim{d}_keep{int(keep)}".replace("-", "m")
                if op == "max":
                    fn = lambda t, d=d, keep=keep: t.max(d, keepdim=keep).values
                else:
                    fn = lambda t, d=d, keep=keep, op=op: getattr(t, op)(d, keepdim=keep)
                record(op, nm, fn, [normal(f"{op}/{nm}", shape)], args={"dim": d, "keepdim": keep})
    if op != "max":
        record(op, "scalar_all", lambda t, op=op: getattr(t, op)(), [np.array(2.5)])
# max without dim: torch.max(x) (AutoNet spells it x.Reshape(-1).Max(0)); no ties, so the gradient agrees
for shape in [(5,), (3, 4), (2, 3, 4)]:
    record("max", f"{sname(shape)}_all", lambda t: t.max(), [normal(f"max/{sname(shape)}_all", shape)])
# ties: PyTorch's max(dim) gives the whole gradient to the index it returns
record("max", "ties_dim1", lambda t: t.max(1).values, [np.array([[1.0, 3.0, 3.0], [2.0, 2.0, 2.0], [0.0, -1.0, 0.0]])],
       args={"dim": 1, "keepdim": False})

# ---------------------------------------------------------------- matmul, reshape, transpose
for sa, sb in [((3, 4), (4, 5)), ((4,), (4, 5)), ((3, 4), (4,)), ((4,), (4,)), ((1, 4), (4, 1)), ((3, 4), (4, 1)),
               ((1, 1), (1, 1)), ((6, 8), (8, 7))]:
    nm = f"{sname(sa)}_{sname(sb)}"
    record("matmul", nm, torch.matmul, [normal(f"matmul/{nm}/a", sa), normal(f"matmul/{nm}/b", sb)])
record("matmul", "3x4_4x5_only_b_requires_grad", torch.matmul,
       [normal("matmul/onlyb/a", (3, 4)), normal("matmul/onlyb/b", (4, 5))], requires_grad=[False, True])

for shape, target in [((3, 4), [-1]), ((3, 4), [2, 6]), ((3, 4), [4, -1]), ((3, 4), [2, -1, 2]), ((), [1]),
                      ((6,), [2, 3]), ((2, 3, 4), [-1, 4]), ((1,), [])]:
    nm = f"{sname(shape)}_to_{'_'.join(str(s) for s in target) or 'scalar'}".replace("-", "m")
    record("reshape", nm, lambda t, target=target: t.reshape(target), [normal(f"reshape/{nm}", shape)],
           args={"shape": target})

for shape, d0, d1 in [((3, 4), 0, 1), ((3, 4), 1, 0), ((3, 4), -1, -2), ((2, 3, 4), 0, 2), ((2, 3, 4), 1, -1),
                      ((2, 3, 4), 1, 1), ((5,), 0, 0)]:
    nm = f"{sname(shape)}_{d0}_{d1}".replace("-", "m")
    record("transpose", nm, lambda t, d0=d0, d1=d1: t.transpose(d0, d1), [normal(f"transpose/{nm}", shape)],
           args={"dim0": d0, "dim1": d1})

# ---------------------------------------------------------------- binary cross-entropy
for red in ["none", "mean", "sum"]:
    nm = f"3x4_{red}"
    r = rng_for(f"bce/{nm}")
    p = r.uniform(0.02, 0.98, (3, 4))
    y = r.uniform(0.0, 1.0, (3, 4))
    record("bce", nm, lambda a, b, red=red: F.binary_cross_entropy(a, b, reduction=red), [p, y],
           args={"reduction": red})
p = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.5, 1e-300, 1 - 1e-16, 0.3, 1e-50, 0.999999])
y = np.array([0.0, 1.0, 0.0, 1.0, 0.5, 0.5, 1.0, 1.0, 0.0, 0.3, 0.0, 1.0])
record("bce", "edges_none", lambda a, b: F.binary_cross_entropy(a, b, reduction="none"), [p, y], args={"reduction": "none"})
record("bce", "edges_mean", lambda a, b: F.binary_cross_entropy(a, b), [p, y], args={"reduction": "mean"})
record("bce", "targets_without_grad", lambda a, b: F.binary_cross_entropy(a, b), [p, y], requires_grad=[True, False],
       args={"reduction": "mean"})

# ---------------------------------------------------------------- cast, expand, sum_to (internal ops)
record("cast", "float64_to_float32", lambda t: t.to(torch.float32), [normal("cast/64to32", (3, 4))], dtypes=("float64",),
       args={"to": "float32"})
record("cast", "float32_to_float64", lambda t: t.to(torch.float64), [normal("cast/32to64", (3, 4))], dtypes=("float32",),
       args={"to": "float64"})
for shape, target in [((3, 1), [3, 4]), ((4,), [2, 3, 4]), ((), [2, 2]), ((1, 4), [3, 4]), ((2, 1, 4), [2, 3, 4])]:
    nm = f"{sname(shape)}_to_{sname(target)}"
    record("expand", nm, lambda t, target=target: t.expand(target), [normal(f"expand/{nm}", shape)], args={"shape": target})


def sum_to(t, shape):
    lead = t.dim() - len(shape)
    if lead > 0:
        t = t.sum(dim=tuple(range(lead)))
    dims = tuple(i for i, s in enumerate(shape) if s == 1 and t.shape[i] != 1)
    return t.sum(dim=dims, keepdim=True) if dims else t


for shape, target in [((2, 3, 4), [3, 1]), ((2, 3, 4), [4]), ((2, 3, 4), []), ((2, 3, 4), [1, 4]), ((3, 4), [3, 1]),
                      ((3, 4), [1, 1]), ((2, 3, 4), [2, 1, 4])]:
    nm = f"{sname(shape)}_to_{sname(target)}"
    record("sum_to", nm, lambda t, target=target: sum_to(t, target), [normal(f"sum_to/{nm}", shape)],
           args={"shape": target})

out = {
    "recorded_with": {
        "torch": torch.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "command": "/usr/bin/python3 tests/AutoNet.Tests/Fixtures/torch/record_torch_ops.py",
    },
    "cases": CASES,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch-ops.json")
with open(path, "w") as f:
    json.dump(out, f, allow_nan=False, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(CASES)} cases to {path}", file=sys.stderr)
