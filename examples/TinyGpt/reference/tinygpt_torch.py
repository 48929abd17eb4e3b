"""The PyTorch 1.13 reference of examples/TinyGpt: the same data split, recipe and minibatches.

Run from the repository root:  /usr/bin/python3 examples/TinyGpt/reference/tinygpt_torch.py

A character-level transformer (nanoGPT style) on examples/TinyGpt/data/names.txt. The split and the minibatches come
from NumPy's legacy RandomState, which AutoNet.Data.NumPyRandomState reproduces bit for bit, so both programs train on
the same sequences in the same order. The initial weights are torch's default inits drawn by torch.manual_seed(seed):
the same distributions as AutoNet's, not the same values (AutoNet draws from its NumPy-compatible generator). The
sampled names therefore differ; the dev loss is the number to compare.

With --autonet-init the initial weights are instead drawn as AutoNet's TinyGptTraining.BuildModel(seed) draws them
(NumPy's RandomState(seed): the embeddings normal(0, 1), each Linear's weight then bias uniform(-1/sqrt(in),
1/sqrt(in)), in the order the modules are built; float64 rounded to float32), so both programs start from the same
values and train in float32 on the same batches.
"""
import argparse
import math
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

BLOCK = 16          # positions per sequence: '.' + up to 15 letters
VOCAB = "." + "abcdefghijklmnopqrstuvwxyz"
IGNORE = -1         # target of a padding position, skipped by the loss


class CausalSelfAttention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.c_attn = nn.Linear(width, 3 * width)
        self.c_proj = nn.Linear(width, width)
        self.register_buffer("mask", torch.tril(torch.ones(BLOCK, BLOCK, dtype=torch.bool)))

    def forward(self, x, return_weights=False):
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=2)
        q = q.view(B, T, self.heads, C // self.heads).transpose(1, 2)  # [B, h, T, hs]
        k = k.view(B, T, self.heads, C // self.heads).transpose(1, 2)
        v = v.view(B, T, self.heads, C // self.heads).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(C // self.heads))
        att = att.masked_fill(~self.mask[:T, :T], float("-inf"))
        att = F.softmax(att, dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
        return self.c_proj(y)


class Mlp(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.c_fc = nn.Linear(width, 4 * width)
        self.gelu = nn.GELU()
        self.c_proj = nn.Linear(4 * width, width)

    def forward(self, x):
        return self.c_proj(self.gelu(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = CausalSelfAttention(width, heads)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = Mlp(width)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class TinyGpt(nn.Module):
    def __init__(self, vocab=len(VOCAB), width=64, layers=2, heads=4):
        super().__init__()
        self.wte = nn.Embedding(vocab, width)
        self.wpe = nn.Embedding(BLOCK, width)
        self.h = nn.ModuleList([Block(width, heads) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(width)
        self.lm_head = nn.Linear(width, vocab)

    def forward(self, idx):
        T = idx.shape[1]
        x = self.wte(idx) + self.wpe(torch.arange(T))
        for block in self.h:
            x = block(x)
        return self.lm_head(self.ln_f(x))


def load_names(path):
    with open(path) as f:
        names = [line.strip() for line in f if line.strip()]
    for name in names:
        if len(name) > BLOCK - 1:
            raise ValueError(f"{path}: the name {name!r} has {len(name)} letters; at most {BLOCK - 1} fit a block of {BLOCK}")
    return names


def encode(names):
    """Inputs '.' + name and targets name + '.', padded to BLOCK (inputs with '.', targets with IGNORE)."""
    x = np.zeros((len(names), BLOCK), dtype=np.int64)
    y = np.full((len(names), BLOCK), IGNORE, dtype=np.int64)
    for r, name in enumerate(names):
        ids = [VOCAB.index(c) for c in name]
        x[r, 1:len(ids) + 1] = ids
        y[r, :len(ids)] = ids
        y[r, len(ids)] = 0
    return torch.from_numpy(x), torch.from_numpy(y)


def autonet_init(model, seed):
    """Overwrites the weights with the values AutoNet's BuildModel(seed) draws from its NumPy-compatible generator."""
    rs = np.random.RandomState(seed)
    bound = None
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name in ("wte.weight", "wpe.weight"):
                values = rs.normal(0.0, 1.0, size=tuple(p.shape))
            elif "ln_" in name:
                continue  # LayerNorm: ones and zeros, no draws
            elif name.endswith(".weight"):
                bound = 1.0 / math.sqrt(p.shape[1])
                values = rs.uniform(-bound, bound, size=tuple(p.shape))
            else:  # a Linear's bias, drawn right after its weight with the same bound
                values = rs.uniform(-bound, bound, size=tuple(p.shape))
            p.copy_(torch.from_numpy(values).to(torch.float32))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=1337, help="torch.manual_seed and the minibatch/sampling RandomState")
    parser.add_argument("--data-seed", type=int, default=42, help="RandomState of the split permutation")
    parser.add_argument("--samples", type=int, default=10)
    parser.add_argument("--autonet-init", action="store_true", help="start from AutoNet's initial weights (see above)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "names.txt"))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    names = load_names(args.data)
    order = np.random.RandomState(args.data_seed).permutation(len(names))
    names = [names[i] for i in order]
    n1, n2 = int(0.8 * len(names)), int(0.9 * len(names))
    xtr, ytr = encode(names[:n1])
    xdev, ydev = encode(names[n1:n2])

    torch.manual_seed(args.seed)
    model = TinyGpt()
    if args.autonet_init:
        autonet_init(model, args.seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    rng = np.random.RandomState(args.seed)
    start = time.time()
    for step in range(args.steps):
        ix = torch.from_numpy(rng.randint(0, n1, size=args.batch_size))
        logits = model(xtr[ix])
        loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), ytr[ix].view(-1), ignore_index=IGNORE)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        if step % 500 == 0 or step == args.steps - 1:
            print(f"step {step:4d}: train loss {loss.item():.4f}")
    elapsed = time.time() - start

    model.eval()
    with torch.no_grad():
        logits = model(xdev)
        dev = F.cross_entropy(logits.view(-1, logits.shape[-1]), ydev.view(-1), ignore_index=IGNORE)
        print(f"Dev loss: {dev.item():.4f}")
        for _ in range(args.samples):
            context = [0]
            while len(context) < BLOCK:
                logits = model(torch.tensor([context]))[0, -1]
                p = F.softmax(logits, dim=-1).numpy()  # float32: NumPy checks its sum within sqrt(float32 eps)
                nxt = int(rng.choice(len(VOCAB), p=p))
                if nxt == 0:
                    break
                context.append(nxt)
            print("".join(VOCAB[i] for i in context[1:]))
    print(f"({args.steps} steps in {elapsed:.1f} s)")


if __name__ == "__main__":
    main()
