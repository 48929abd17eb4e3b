"""Records PyTorch 1.13's nn.MultiheadAttention for tests/AutoNet.Tests/Nn/MultiheadAttentionFixtureTests.cs: random
parameters (loaded by state-dict key), sequence-first, batch-first and unbatched inputs, self- and cross-attention,
Bool and float attention masks [L, S] and [N*heads, L, S], Bool and float key padding masks, a fully masked query
row, without bias, need_weights=False; the output, the head-averaged weights and the gradients of
sum(output * g) + sum(weights * h) (random g, h) with respect to the inputs and every parameter.

Run with Debian's python3 (torch 1.13):  /usr/bin/python3 tests/AutoNet.Tests/Fixtures/multihead-attention/record_multihead_attention.py
It rewrites multihead-attention-torch.json beside this script. Non-finite numbers are written as the strings "NaN",
"Infinity", "-Infinity". The module stays in training mode with dropout 0, so torch takes its composed path (not the
inference fast path).
"""
import json
import math
import os
import zlib

import numpy as np
import torch


def number(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def tensor(t):
    t = t.detach()
    data = [bool(v) for v in t.reshape(-1).tolist()] if t.dtype == torch.bool else [number(v) for v in t.reshape(-1).tolist()]
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "data": data}


cases = []


def record(name, e, heads, q_shape, kv_shape, *, bias=True, batch_first=False, self_attention=False, attn_mask=None,
           key_padding_mask=None, need_weights=True, dtype=torch.float64):
    """attn_mask / key_padding_mask: a function of the random state giving a tensor (Bool or float64), or None."""
    rng = np.random.RandomState(zlib.crc32(name.encode()) & 0x7FFFFFFF)
    m = torch.nn.MultiheadAttention(e, heads, bias=bias, batch_first=batch_first).to(dtype)
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(torch.tensor(rng.uniform(-0.8, 0.8, tuple(p.shape)), dtype=torch.float64))
    q = torch.tensor(rng.standard_normal(q_shape), dtype=torch.float64).to(dtype).requires_grad_()
    if self_attention:
        k = v = q
    else:
        k = torch.tensor(rng.standard_normal(kv_shape), dtype=torch.float64).to(dtype).requires_grad_()
        v = torch.tensor(rng.standard_normal(kv_shape), dtype=torch.float64).to(dtype).requires_grad_()
    am = attn_mask(rng) if attn_mask else None
    kpm = key_padding_mask(rng) if key_padding_mask else None
    if am is not None and am.is_floating_point():
        am = am.to(dtype)
    if kpm is not None and kpm.is_floating_point():
        kpm = kpm.to(dtype)
    out, w = m(q, k, v, key_padding_mask=kpm, need_weights=need_weights, attn_mask=am)
    g = torch.tensor(rng.standard_normal(tuple(out.shape)), dtype=torch.float64).to(dtype)
    loss = (out * g).sum()
    h = None
    if w is not None:
        h = torch.tensor(rng.standard_normal(tuple(w.shape)), dtype=torch.float64).to(dtype)
        loss = loss + (w * h).sum()
    named = list(m.named_parameters())
    wrt = [q] + ([] if self_attention else [k, v]) + [p for _, p in named]
    grads = torch.autograd.grad(loss, wrt)
    grads_by_name = {"query": grads[0]}
    if not self_attention:
        grads_by_name["key"], grads_by_name["value"] = grads[1], grads[2]
    for (pname, _), gp in zip(named, grads[len(wrt) - len(named):]):
        grads_by_name[pname] = gp
    cases.append({
        "name": name, "embed_dim": e, "num_heads": heads, "bias": bias, "batch_first": batch_first,
        "self_attention": self_attention, "need_weights": need_weights, "dtype": str(dtype).replace("torch.", ""),
        "state": {k2: tensor(p) for k2, p in m.state_dict().items()},
        "query": tensor(q), "key": tensor(k), "value": tensor(v),
        "attn_mask": tensor(am) if am is not None else None,
        "key_padding_mask": tensor(kpm) if kpm is not None else None,
        "output": tensor(out), "weights": tensor(w) if w is not None else None,
        "grad_output": tensor(g), "grad_weights": tensor(h) if h is not None else None,
        "grads": {k2: tensor(v2) for k2, v2 in grads_by_name.items()},
    })


def bool_mask(shape, p=0.3):
    """True (masked) with probability p, but never a whole row."""
    def make(rng):
        mm = rng.uniform(size=shape) < p
        mm[..., 0] = False
        return torch.tensor(mm)
    return make


def float_mask(shape):
    return lambda rng: torch.tensor(rng.standard_normal(shape), dtype=torch.float64)


def causal(l, s):
    return lambda rng: torch.ones(l, s, dtype=torch.bool).triu(1)


def padding(rows):
    return lambda rng: torch.tensor(rows)


record("cross_seq_first", 8, 2, (4, 3, 8), (5, 3, 8))
record("self_seq_first", 6, 3, (5, 2, 6), None, self_attention=True)
record("cross_batch_first", 8, 4, (3, 4, 8), (3, 6, 8), batch_first=True)
record("self_batch_first_causal", 4, 2, (2, 5, 4), None, batch_first=True, self_attention=True, attn_mask=causal(5, 5))
record("unbatched", 6, 2, (4, 6), (3, 6))
record("unbatched_key_padding", 6, 2, (4, 6), (3, 6), key_padding_mask=padding([False, True, False]))
record("bool_mask_2d", 8, 2, (4, 3, 8), (5, 3, 8), attn_mask=bool_mask((4, 5)))
record("bool_mask_3d", 8, 2, (4, 3, 8), (5, 3, 8), attn_mask=bool_mask((6, 4, 5)))
record("float_mask_2d", 8, 2, (4, 3, 8), (5, 3, 8), attn_mask=float_mask((4, 5)))
record("float_mask_3d_batch_first", 8, 4, (2, 4, 8), (2, 5, 8), batch_first=True, attn_mask=float_mask((8, 4, 5)))
record("key_padding_bool", 8, 2, (4, 3, 8), (5, 3, 8),
       key_padding_mask=padding([[False, False, True, True, False], [False] * 5, [True, False, False, False, True]]))
record("key_padding_float", 8, 2, (4, 3, 8), (5, 3, 8), key_padding_mask=float_mask((3, 5)))
record("key_padding_and_bool_mask", 8, 2, (4, 3, 8), (5, 3, 8), attn_mask=bool_mask((4, 5)),
       key_padding_mask=padding([[False, True, False, False, True], [False, False, False, True, False], [False] * 5]))
record("key_padding_bool_and_float_mask_batch_first", 8, 2, (3, 4, 8), (3, 5, 8), batch_first=True, attn_mask=float_mask((4, 5)),
       key_padding_mask=padding([[False, True, False, False, True], [False, False, False, True, False], [False] * 5]))
record("without_bias", 8, 2, (4, 3, 8), (5, 3, 8), bias=False)
record("no_weights", 8, 2, (4, 3, 8), (5, 3, 8), need_weights=False, attn_mask=bool_mask((4, 5)))
record("fully_masked_row", 4, 2, (3, 2, 4), (4, 2, 4), attn_mask=padding([[False] * 4, [True] * 4, [False, True, False, True]]))
record("float32", 8, 2, (4, 3, 8), (5, 3, 8), attn_mask=bool_mask((4, 5)), dtype=torch.float32)

out = {
    "recorded_with": {"torch": torch.__version__, "numpy": np.__version__,
                      "command": "/usr/bin/python3 tests/AutoNet.Tests/Fixtures/multihead-attention/record_multihead_attention.py"},
    "cases": cases,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "multihead-attention-torch.json")
with open(path, "w") as f:
    json.dump(out, f, allow_nan=False, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to {path}")
