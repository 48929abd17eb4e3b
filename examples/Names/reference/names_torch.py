#!/usr/bin/python3
"""PyTorch 1.13 reference for examples/Names: the same recipe, the same split, the same initial weights and
the same minibatches as the AutoNet example, so the two runs can be compared number for number.

    /usr/bin/python3 examples/Names/reference/names_torch.py [--steps 20000] [--seed 2147483647] [--data-seed 42]

The recipe (Bengio et al. 2003, as in Karpathy's makemore part 2):
- names.txt shuffled with numpy.random.RandomState(data_seed).permutation, split 80/10/10 (n1 = int(0.8 n),
  n2 = int(0.9 n)); vocabulary '.' + a..z; context of 3 characters.
- one numpy.random.RandomState(seed) draws, in this order: C ~ randn(27, 10); then nn.Linear(30, 200)'s weight and
  bias and nn.Linear(200, 27)'s weight and bias, each uniform in +-1/sqrt(fan_in) (PyTorch's default Linear init,
  drawn with NumPy's uniform as AutoNet's Linear does); then the minibatches, randint(0, len(Xtr), 32) per step.
  Everything is cast to float32 (PyTorch's default dtype) before training.
- emb = C[X] -> view [32, 30] -> Linear -> tanh -> Linear -> cross_entropy; SGD, lr 0.1, 0.01 from step 3/4 of
  the steps (15,000 of 20,000).
- --torch-init instead draws C and the Linear layers from torch's own generator (torch.manual_seed(seed)); the
  minibatches still come from NumPy (from the start of its stream, so they differ from the default run's too).
  This is only to show how much the result depends on the random draws.
"""
import argparse
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
BLOCK = 3


def load_words(path):
    with open(path) as f:
        return [w.strip() for w in f if w.strip()]


def build(words, stoi):
    xs, ys = [], []
    for w in words:
        context = [0] * BLOCK
        for ch in w + '.':
            ix = stoi[ch]
            xs.append(context)
            ys.append(ix)
            context = context[1:] + [ix]
    return torch.tensor(xs, dtype=torch.int64), torch.tensor(ys, dtype=torch.int64)


def bigram_dev_loss(train_words, dev_words, stoi):
    counts = np.ones((27, 27), dtype=np.float64)  # +1 smoothing
    for w in train_words:
        chs = ['.'] + list(w) + ['.']
        for a, b in zip(chs, chs[1:]):
            counts[stoi[a], stoi[b]] += 1
    probs = counts / counts.sum(axis=1, keepdims=True)
    nll, n = 0.0, 0
    for w in dev_words:
        chs = ['.'] + list(w) + ['.']
        for a, b in zip(chs, chs[1:]):
            nll -= np.log(probs[stoi[a], stoi[b]])
            n += 1
    return nll / n


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--steps', type=int, default=20000)
    parser.add_argument('--batch-size', type=int, default=32)
    parser.add_argument('--lr', type=float, default=0.1)
    parser.add_argument('--seed', type=int, default=2147483647)
    parser.add_argument('--data-seed', type=int, default=42)
    parser.add_argument('--torch-init', action='store_true')
    parser.add_argument('--data', default=os.path.join(HERE, '..', 'data', 'names.txt'))
    args = parser.parse_args()
    torch.set_num_threads(1)

    words = load_words(args.data)
    chars = ['.'] + sorted(set(''.join(words)))
    stoi = {c: i for i, c in enumerate(chars)}
    itos = {i: c for c, i in stoi.items()}
    order = np.random.RandomState(args.data_seed).permutation(len(words))
    words = [words[i] for i in order]
    n1, n2 = int(0.8 * len(words)), int(0.9 * len(words))
    Xtr, Ytr = build(words[:n1], stoi)
    Xdev, Ydev = build(words[n1:n2], stoi)
    print(f"Words: {len(words)} (train {n1}, dev {n2 - n1}, test {len(words) - n2}); examples: train {len(Xtr)}, dev {len(Xdev)}")
    print(f"Bigram dev loss: {bigram_dev_loss(words[:n1], words[n1:n2], stoi):.4f}")

    rs = np.random.RandomState(args.seed)
    l1, l2 = torch.nn.Linear(30, 200), torch.nn.Linear(200, 27)
    if args.torch_init:
        torch.manual_seed(args.seed)
        C = torch.randn(27, 10)
        l1, l2 = torch.nn.Linear(30, 200), torch.nn.Linear(200, 27)
    else:
        C = torch.from_numpy(rs.randn(27, 10)).float()
        with torch.no_grad():
            for layer in (l1, l2):
                bound = 1.0 / np.sqrt(layer.in_features)
                layer.weight.copy_(torch.from_numpy(rs.uniform(-bound, bound, (layer.out_features, layer.in_features))))
                layer.bias.copy_(torch.from_numpy(rs.uniform(-bound, bound, (layer.out_features,))))
    C.requires_grad_(True)
    params = [C, l1.weight, l1.bias, l2.weight, l2.bias]
    opt = torch.optim.SGD(params, lr=args.lr)

    def forward(X):
        return l2(torch.tanh(l1(C[X].view(-1, BLOCK * 10))))

    decay_at = args.steps * 3 // 4
    for i in range(args.steps):
        ix = torch.from_numpy(rs.randint(0, Xtr.shape[0], (args.batch_size,)))
        loss = F.cross_entropy(forward(Xtr[ix]), Ytr[ix])
        opt.zero_grad()
        loss.backward()
        for g in opt.param_groups:
            g['lr'] = args.lr if i < decay_at else args.lr / 10
        opt.step()
        if i % 5000 == 0:
            print(f"step {i:5d}: minibatch loss {loss.item():.4f}")

    with torch.no_grad():
        print(f"Train loss: {F.cross_entropy(forward(Xtr), Ytr).item():.4f}")
        print(f"Dev loss: {F.cross_entropy(forward(Xdev), Ydev).item():.4f}")
        sampler = np.random.RandomState((args.seed + 10) % 2**32)
        for _ in range(10):
            out, context = [], [0] * BLOCK
            while True:
                # float32 logits, softmax in float64 so the probabilities sum to 1 as NumPy's choice checks
                probs = F.softmax(forward(torch.tensor([context])).double(), dim=1)[0].numpy()
                ix = int(sampler.choice(27, 1, p=probs)[0])
                context = context[1:] + [ix]
                if ix == 0:
                    break
                out.append(itos[ix])
            print(''.join(out))


if __name__ == '__main__':
    main()
