#!/usr/bin/python3
"""Records PyTorch golden values for every row of the op case table into torch-ops.json (next to this script).

Run from the repository root with Debian's interpreter (torch 1.13, numpy 1.24):

    /usr/bin/python3 tests/AutoNet.Tests/Fixtures/torch/record_torch_ops.py

The cases come from tests/OpCases/op-cases.json (its format: tests/OpCases/README.md); this script only knows
how to call each op in PyTorch (OPS below). tests/Shared/OpTable.cs expands the same table the same way, and
the replay tests fail if the two expansions (case ids, shapes, arguments, input values) ever differ.

Each case holds the inputs, the forward output, a seeded random grad_output and the gradient of every input
that requires grad (torch.autograd.grad). Input i of case op/name is drawn in float64 from a numpy RandomState
seeded by the CRC32 of "op/name/input{i}", so the file is reproducible and a case does not change when others
are added; the float32 variant of a case uses the same values rounded to float32. Floats are written so they
round-trip exactly: float64 values as Python's shortest repr, float32 values as the float64 value of the float32;
non-finite values as the strings "NaN", "Infinity", "-Infinity".
"""
import itertools
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
HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "..", "..", "..", "OpCases", "op-cases.json")
DTYPES = {"float64": torch.float64, "float32": torch.float32, "int64": torch.int64, "bool": torch.bool}
INTEGER_DTYPES = ("int64", "bool")


def num(v):
    """A table or argument number: a JSON number, or "Infinity", "-Infinity", "NaN"."""
    return float(v) if not isinstance(v, str) else {"Infinity": math.inf, "-Infinity": -math.inf, "NaN": math.nan}[v]


def reduction(a):
    return a["reduction"]


def sum_to(t, shape):
    lead = t.dim() - len(shape)
    if lead > 0:
        t = t.sum(dim=tuple(range(lead)))
    dims = tuple(i for i, s in enumerate(shape) if s == 1 and t.shape[i] != 1)
    return t.sum(dim=dims, keepdim=True) if dims else t


def binary(fn):
    """A binary operator, or the same operator with a number on one side (args "number" and "side")."""
    def call(a, x):
        if "number" not in a:
            return fn(x[0], x[1])
        n = num(a["number"])
        return fn(x[0], n) if a["side"] == "right" else fn(n, x[0])
    return call


def hw(a, name):
    """A convolution argument: the pair args[name + "_hw"] when given, else the number args[name]."""
    return tuple(a[name + "_hw"]) if name + "_hw" in a else a[name]


def along(fn):
    """A reduction over everything, or along args "dim" (keeping it if args "keepdim")."""
    return lambda a, x: fn(x[0]) if "dim" not in a else fn(x[0], a["dim"], a["keepdim"])


# The PyTorch spelling of every op in the table: (args, inputs) -> output.
def norm_affine(rest):
    """The weight and bias of a normalisation case: the inputs after the data (and running statistics), or none."""
    return (rest[0], rest[1]) if rest else (None, None)


OPS = {
    "add": binary(lambda p, q: p + q),
    "sub": binary(lambda p, q: p - q),
    "mul": binary(lambda p, q: p * q),
    "div": binary(lambda p, q: p / q),
    "neg": lambda a, x: -x[0],
    "pow": lambda a, x: x[0].pow(a["exponent"]),
    "exp": lambda a, x: torch.exp(x[0]),
    "log": lambda a, x: torch.log(x[0]),
    "sqrt": lambda a, x: torch.sqrt(x[0]),
    "abs": lambda a, x: torch.abs(x[0]),
    "relu": lambda a, x: torch.relu(x[0]),
    "sigmoid": lambda a, x: torch.sigmoid(x[0]),
    "tanh": lambda a, x: torch.tanh(x[0]),
    "clamp": lambda a, x: torch.clamp(x[0], num(a["min"]), num(a["max"])),
    "erf": lambda a, x: torch.erf(x[0]),
    "log1p": lambda a, x: torch.log1p(x[0]),
    "leaky_relu": lambda a, x: F.leaky_relu(x[0], a["negative_slope"]),
    "gelu": lambda a, x: F.gelu(x[0], approximate=a["approximate"]),
    "softplus": lambda a, x: F.softplus(x[0]),
    "softmax": lambda a, x: torch.softmax(x[0], a["dim"]),
    "log_softmax": lambda a, x: torch.log_softmax(x[0], a["dim"]),
    "sum": along(lambda t, *d: t.sum(*d)),
    "mean": along(lambda t, *d: t.mean(*d)),
    "max": along(lambda t, *d: t.max(*d).values if d else t.max()),
    "matmul": lambda a, x: torch.matmul(x[0], x[1]),
    "reshape": lambda a, x: x[0].reshape(a["shape"]),
    "transpose": lambda a, x: x[0].transpose(a["dim0"], a["dim1"]),
    "t": lambda a, x: x[0].t(),
    "bce": lambda a, x: F.binary_cross_entropy(x[0], x[1], reduction=a["reduction"]),
    "cast": lambda a, x: x[0].to(DTYPES[a["to"]]),
    "expand": lambda a, x: x[0].expand(a["shape"]),
    "sum_to": lambda a, x: sum_to(x[0], a["shape"]),
    # math (issue 11, part 6)
    "sin": lambda a, x: torch.sin(x[0]),
    "cos": lambda a, x: torch.cos(x[0]),
    "log2": lambda a, x: torch.log2(x[0]),
    "exp2": lambda a, x: torch.exp2(x[0]),
    "rsqrt": lambda a, x: torch.rsqrt(x[0]),
    "sign": lambda a, x: torch.sign(x[0]),
    "reciprocal": lambda a, x: torch.reciprocal(x[0]),
    "square": lambda a, x: torch.square(x[0]),
    "pow_tensor": lambda a, x: torch.pow(num(a["number"]), x[0]) if "number" in a else torch.pow(x[0], x[1]),
    "cumsum": lambda a, x: torch.cumsum(x[0], a["dim"]),
    "var": lambda a, x: torch.var(x[0], a["dim"], correction=a["correction"], keepdim=a["keepdim"]) if "dim" in a else torch.var(x[0]),
    "std": lambda a, x: torch.std(x[0], a["dim"], correction=a["correction"], keepdim=a["keepdim"]) if "dim" in a else torch.std(x[0]),
    "logsumexp": lambda a, x: torch.logsumexp(x[0], a["dim"], a["keepdim"]),
    "sum_dims": lambda a, x: x[0].sum(dim=a["dims"], keepdim=a["keepdim"]),
    "mean_dims": lambda a, x: x[0].mean(dim=a["dims"], keepdim=a["keepdim"]),
    "tril": lambda a, x: torch.tril(x[0], a["diagonal"]),
    "triu": lambda a, x: torch.triu(x[0], a["diagonal"]),
    # joins (issue 11, part 4)
    "cat": lambda a, x: torch.cat(x, a["dim"]),
    "stack": lambda a, x: torch.stack(x, a["dim"]),
    "repeat": lambda a, x: x[0].repeat(a["repeats"]),
    "pad": lambda a, x: F.pad(x[0], a["pad"], value=num(a["value"])),
    # index ops (issue 11, part 3)
    "index_select": lambda a, x: torch.index_select(x[0], a["dim"], x[1]),
    "index_add": lambda a, x: x[0].index_add(a["dim"], x[1], x[2]),
    "gather": lambda a, x: torch.gather(x[0], a["dim"], x[1]),
    "scatter_add": lambda a, x: x[0].scatter_add(a["dim"], x[1], x[2]),
    "masked_select": lambda a, x: torch.masked_select(x[0], x[1]),
    # views, indexing, splits (issue 11, helper views)
    "view": lambda a, x: x[0].view(a["shape"]),
    "permute": lambda a, x: x[0].permute(a["dims"]),
    "unsqueeze": lambda a, x: x[0].unsqueeze(a["dim"]),
    "squeeze": lambda a, x: x[0].squeeze(a["dim"]) if "dim" in a else x[0].squeeze(),
    "expand_view": lambda a, x: x[0].expand(a["shape"]),
    "select": lambda a, x: x[0].select(a["dim"], a["index"]),
    "narrow": lambda a, x: x[0].narrow(a["dim"], a["start"], a["length"]),
    "contiguous": lambda a, x: x[0].transpose(0, -1).contiguous(),
    "index": lambda a, x: eval("x[" + a["index"] + "]", {"x": x[0]}),
    "flatten": lambda a, x: x[0].flatten(a["start_dim"], a["end_dim"]),
    "unflatten": lambda a, x: x[0].unflatten(a["dim"], a["sizes"]),
    "split": lambda a, x: torch.split(x[0], a["sizes"] if "sizes" in a else a["size"], a["dim"])[a["piece"]],
    "chunk": lambda a, x: x[0].chunk(a["chunks"], a["dim"])[a["piece"]],
    # dtypes task: comparisons and selection.
    "eq": binary(lambda p, q: torch.eq(p, q)),
    "ne": binary(lambda p, q: torch.ne(p, q)),
    "lt": binary(lambda p, q: torch.lt(p, q)),
    "le": binary(lambda p, q: torch.le(p, q)),
    "gt": binary(lambda p, q: torch.gt(p, q)),
    "ge": binary(lambda p, q: torch.ge(p, q)),
    "where": lambda a, x: torch.where(x[0], x[1], x[2]),
    "masked_fill": lambda a, x: x[0].masked_fill(x[1], num(a["value"])),
    "max_all": lambda a, x: x[0].max(),
    "min_all": lambda a, x: x[0].min(),
    "min": lambda a, x: x[0].min(a["dim"], a["keepdim"]).values,
    "max_indices": lambda a, x: x[0].max(a["dim"], a["keepdim"]).indices,
    "min_indices": lambda a, x: x[0].min(a["dim"], a["keepdim"]).indices,
    "argmax": lambda a, x: torch.argmax(x[0], a["dim"], a["keepdim"]) if "dim" in a else torch.argmax(x[0]),
    "argmin": lambda a, x: torch.argmin(x[0], a["dim"], a["keepdim"]) if "dim" in a else torch.argmin(x[0]),
    "amax": lambda a, x: torch.amax(x[0], a["dims"], a["keepdim"]),
    "amin": lambda a, x: torch.amin(x[0], a["dims"], a["keepdim"]),
    "maximum": lambda a, x: torch.maximum(x[0], x[1]),
    "minimum": lambda a, x: torch.minimum(x[0], x[1]),
    # activations for the next networks (issue 11, part 7)
    "elu": lambda a, x: F.elu(x[0], a["alpha"]),
    "selu": lambda a, x: F.selu(x[0]),
    "silu": lambda a, x: F.silu(x[0]),
    "mish": lambda a, x: F.mish(x[0]),
    "relu6": lambda a, x: F.relu6(x[0]),
    "hardtanh": lambda a, x: F.hardtanh(x[0], num(a["min_val"]), num(a["max_val"])),
    "logsigmoid": lambda a, x: F.logsigmoid(x[0]),
    "softsign": lambda a, x: F.softsign(x[0]),
    # matmul (issue 11, part 8): F.linear on [*, in] inputs, with or without a bias.
    "linear": lambda a, x: F.linear(x[0], x[1], x[2] if len(x) > 2 else None),
    # Convolution and pooling (issue 12, helper cnn): a third input is the bias; "*_hw" args are (height, width) pairs.
    "conv1d": lambda a, x: F.conv1d(x[0], x[1], x[2] if len(x) > 2 else None, a["stride"], a["padding"], a["dilation"], a["groups"]),
    "conv2d": lambda a, x: F.conv2d(x[0], x[1], x[2] if len(x) > 2 else None, *(hw(a, k) for k in ("stride", "padding", "dilation")), a["groups"]),
    "max_pool1d": lambda a, x: F.max_pool1d(x[0], a["kernel_size"], a.get("stride"), a["padding"]),
    "max_pool2d": lambda a, x: F.max_pool2d(x[0], a["kernel_size"], a.get("stride"), a["padding"]),
    "avg_pool1d": lambda a, x: F.avg_pool1d(x[0], a["kernel_size"], a.get("stride"), a["padding"]),
    "avg_pool2d": lambda a, x: F.avg_pool2d(x[0], a["kernel_size"], a.get("stride"), a["padding"]),
    "adaptive_avg_pool2d": lambda a, x: F.adaptive_avg_pool2d(x[0], a["output_size"]),
    "one_hot": lambda a, x: F.one_hot(x[0], a["num_classes"]),
    "embedding": lambda a, x: F.embedding(x[0], x[1], a.get("padding_idx")),
    # Normalisation (issue 12): with "stats" inputs 1 and 2 are the running mean and variance (cloned: batch_norm
    # updates them in place in training, and the recorded inputs must stay as drawn); the last two, if any, are
    # weight and bias.
    "batch_norm": lambda a, x: F.batch_norm(x[0], *((x[1].clone(), x[2].clone()) if a["stats"] else (None, None)),
                                            *norm_affine(x[3:] if a["stats"] else x[1:]), a["training"], a["momentum"], a["eps"]),
    "group_norm": lambda a, x: F.group_norm(x[0], a["num_groups"], *norm_affine(x[1:]), a["eps"]),
    # Attention (issue 12, helper attention): torch 1.13 has no F.scaled_dot_product_attention, so sdpa() spells out
    # its math path; a fourth input is the mask (Bool: True takes part; float: added).
    "scaled_dot_product_attention": lambda a, x: sdpa(x[0], x[1], x[2], x[3] if len(x) > 3 else None, a.get("is_causal", False)),
}


def sdpa(q, k, v, mask, is_causal):
    """PyTorch 2.x's F.scaled_dot_product_attention (math path, no dropout) written in torch 1.13 ops:
    softmax(q k^T / sqrt(E) + mask) v; is_causal masks with ones(L, S).tril()."""
    scores = torch.matmul(q, k.transpose(-2, -1)) * (1.0 / math.sqrt(q.shape[-1]))
    if is_causal:
        mask = torch.ones(q.shape[-2], k.shape[-2], dtype=torch.bool).tril()
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf")) if mask.dtype == torch.bool else scores + mask
    return torch.matmul(torch.softmax(scores, -1), v)


# ---------------------------------------------------------------- the table's expansion (as tests/Shared/OpTable.cs)

def fmt(v):
    """An argument value as it appears in a case name."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return v
    if isinstance(v, list):
        return "x".join(fmt(e) for e in v) if v else "scalar"
    v = float(v)
    return str(int(v)) if v == int(v) and abs(v) < 1e15 else repr(v)


def sname(shape):
    return "x".join(str(s) for s in shape) if len(shape) else "scalar"


def arg_sets(args, rank):
    """Every argument combination of a case group: args is {name: [alternatives]} (all combinations) or a list of
    such objects (the union); the alternative "each" of "dim" stands for every dim of the first input, 0.. then
    negative."""
    if args is None:
        return [{}]
    if isinstance(args, list):
        return [s for a in args for s in arg_sets(a, rank)]
    keys = list(args)
    values = [[d for d in list(range(rank)) + list(range(-rank, 0))] if vs == ["each"] else vs for vs in
              (args[k] for k in keys)]
    return [dict(zip(keys, combo)) for combo in itertools.product(*values)]


def expand(table):
    """Every case of the table: (op, name, args, [(shape, domain, requires_grad)], [dtype per variant],
    input dtypes or None, why it is not replayed or None). An input_dtypes entry null takes the variant's dtype;
    only a list without nulls makes the single variant "mixed". An int64 or bool input never requires grad."""
    cases = []
    for row in table["ops"]:
        for group in row["cases"]:
            patterns = group["shapes"]
            patterns = table["patterns"][patterns] if isinstance(patterns, str) else patterns
            for shapes in patterns:
                n = len(shapes)
                domains = group.get("domains", ["normal"] * n)
                in_dts = group.get("input_dtypes", [None] * n)
                rg = group.get("requires_grad", [d not in INTEGER_DTYPES for d in in_dts])
                assert len(domains) == n and len(rg) == n and len(in_dts) == n, (row["op"], group)
                assert not any(r and d in INTEGER_DTYPES for r, d in zip(rg, in_dts)), \
                    f"{row['op']}: an int64 or bool input cannot require grad"
                for args in arg_sets(group.get("args"), len(shapes[0])):
                    parts = [group.get("name"), "_".join(sname(s) for s in shapes)] + \
                            [f"{k}={fmt(v)}" for k, v in args.items()]
                    name = "_".join(p for p in parts if p)
                    mixed = "input_dtypes" in group and None not in group["input_dtypes"]
                    dtypes = ["mixed"] if mixed else group.get("dtypes", ["float64", "float32"])
                    cases.append((row["op"], name, args, list(zip(shapes, domains, rg)), dtypes,
                                  group.get("input_dtypes"), group.get("not_replayed")))
    return cases


def crc_rng(text):
    return np.random.RandomState(zlib.crc32(text.encode()) & 0x7FFFFFFF)


def draw(table, domain, shape, seed_name):
    """The float64 values of one input (as OpTable.Draw)."""
    spec = table["domains"][domain]
    (kind, p), = spec.items()
    n = int(np.prod(shape, dtype=np.int64))
    r = crc_rng(seed_name)
    if kind == "normal":
        v = r.standard_normal(n) * p
    elif kind == "uniform":
        v = r.uniform(p[0], p[1], n)
    elif kind == "signed_uniform":
        v = r.uniform(p[0], p[1], n) * np.where(r.uniform(size=n) < 0.5, -1.0, 1.0)
    elif kind == "values":
        v = np.array([num(p[i % len(p)]) for i in range(n)])
    elif kind == "linspace":
        v = np.linspace(p[0], p[1], n)
    elif kind == "integers":  # whole numbers in [lo, hi], as floor(uniform(lo, hi + 1))
        v = np.minimum(np.floor(r.uniform(p[0], p[1] + 1, n)), p[1])
    elif kind == "bools":  # 1 (true) with probability p, else 0
        v = np.where(r.uniform(size=n) < p, 1.0, 0.0)
    else:
        raise ValueError(f"domain {domain}: unknown kind {kind}")
    return np.asarray(v, dtype=np.float64).reshape(shape)


# ---------------------------------------------------------------- recording

def enc(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def tjson(t):
    t = t.detach()
    data = [enc(v) for v in t.reshape(-1).tolist()] if t.is_floating_point() else [int(v) for v in t.reshape(-1).tolist()]
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "data": data}


def record(table, op, name, args, inputs, dtype, input_dtypes):
    cid = f"{op}/{name}/{dtype}"
    in_dts = [d or dtype for d in (input_dtypes or [None] * len(inputs))]
    xs = [torch.tensor(draw(table, dom, shape, f"{op}/{name}/input{i}"), dtype=torch.float64)
          .to(DTYPES[d]).requires_grad_(rg) for i, ((shape, dom, rg), d) in enumerate(zip(inputs, in_dts))]
    y = OPS[op](args, xs)
    g = torch.tensor(crc_rng(cid + "/grad_output").standard_normal(tuple(y.shape)), dtype=torch.float64).to(y.dtype) \
        if y.is_floating_point() else None  # an int64 or bool output has no gradient
    wanted = [x for x in xs if x.requires_grad]
    grads = list(torch.autograd.grad(y, wanted, g, allow_unused=True)) if wanted and y.requires_grad else [None] * len(wanted)
    out_grads = []
    for x in xs:
        if x.requires_grad:
            gx = grads.pop(0)
            out_grads.append(tjson(gx if gx is not None else torch.zeros_like(x)))
        else:
            out_grads.append(None)
    return {"id": cid, "op": op, "dtype": str(y.dtype).replace("torch.", ""), "args": args,
            "inputs": [dict(tjson(x), requires_grad=x.requires_grad) for x in xs],
            "output": tjson(y), "grad_output": tjson(g) if g is not None else None, "grads": out_grads}


def main():
    with open(TABLE) as f:
        table = json.load(f)
    missing = sorted({row["op"] for row in table["ops"]} - set(OPS))
    if missing:
        sys.exit(f"record_torch_ops.py: no PyTorch spelling for op(s) {', '.join(missing)}: add them to OPS.")
    cases, ids = [], set()
    for op, name, args, inputs, dtypes, input_dtypes, not_replayed in expand(table):
        if not_replayed:  # checked live against TorchSharp only, with the parity tolerance
            continue
        for dt in dtypes:
            c = record(table, op, name, args, inputs, dt, input_dtypes)
            assert c["id"] not in ids, f"duplicate case id {c['id']}: give the group a distinct name"
            ids.add(c["id"])
            cases.append(c)
    out = {
        "recorded_with": {
            "torch": torch.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
            "command": "/usr/bin/python3 tests/AutoNet.Tests/Fixtures/torch/record_torch_ops.py",
            "table": "tests/OpCases/op-cases.json",
        },
        "cases": cases,
    }
    path = os.path.join(HERE, "torch-ops.json")
    with open(path, "w") as f:
        json.dump(out, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
