"""Records NumPy's legacy RandomState draws and scikit-learn's make_moons / make_circles as exact fixtures.

Run with Debian's Python (numpy 1.24.2, scikit-learn 1.2.1), from any directory:

    /usr/bin/python3 tests/AutoNet.Tests/Fixtures/numpy/record_numpy_random.py

It writes numpy-random.json next to itself. Every float is a JSON number printed by Python's json module
(repr), which round-trips a float64 exactly; integers above 2**53 are exact JSON integers too.

The "rng" cases are programs: each starts from a fresh numpy.random.RandomState(seed) and runs its steps in
order on that one generator, so the cached second Gaussian of the legacy polar method carries across steps
exactly as in NumPy. Step ops:
  uint32(count)                randint(0, 2**32, size=count, dtype=uint64): raw 32-bit outputs
  interval(max, count)         randint(0, max + 1, size=count, dtype=uint64): NumPy's random_interval(max)
  double(count) / gauss(count) scalar random_sample() / standard_normal(), one call per value
  rand(shape) / randn(shape)   rand(*shape) / randn(*shape)
  normal(loc, scale, shape)    normal(loc, scale, size=shape)
  uniform(low, high, shape)    uniform(low, high, size=shape)
  permutation(n)               permutation(n)
  shuffle(n)                   a = arange(n); shuffle(a)

np.sin / np.cos of float64 arrays depend on the CPU: with AVX512_SKX NumPy 1.24 uses Intel SVML, whose last
bits differ from the C library's. "cpu_simd" records whether that path was active.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_circles, make_moons

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = [0, 1, 2, 42, 123, 12345, 987654321, 2**31 - 1, 2**31, 3735928559, 2**32 - 1]
INTERVAL_MAXES = [0, 1, 2, 5, 9, 255, 1000, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**40, 2**53 + 7, 2**63,
                  2**64 - 1]


def run_step(rs, step):
    op = step["op"]
    if op == "uint32":
        return rs.randint(0, 2**32, size=step["count"], dtype=np.uint64).tolist()
    if op == "interval":
        return rs.randint(0, step["max"] + 1, size=step["count"], dtype=np.uint64).tolist()
    if op == "double":
        return [float(rs.random_sample()) for _ in range(step["count"])]
    if op == "gauss":
        return [float(rs.standard_normal()) for _ in range(step["count"])]
    if op == "rand":
        return rs.rand(*step["shape"]).ravel().tolist()
    if op == "randn":
        return rs.randn(*step["shape"]).ravel().tolist()
    if op == "normal":
        return rs.normal(step["loc"], step["scale"], size=tuple(step["shape"])).ravel().tolist()
    if op == "uniform":
        return rs.uniform(step["low"], step["high"], size=tuple(step["shape"])).ravel().tolist()
    if op == "permutation":
        return rs.permutation(step["n"]).tolist()
    if op == "shuffle":
        a = np.arange(step["n"])
        rs.shuffle(a)
        return a.tolist()
    raise ValueError(op)


def programs():
    """(name, steps) pairs; every seed runs every program."""
    interval_steps = [{"op": "interval", "max": m, "count": 6} for m in INTERVAL_MAXES]
    return [
        ("uint32_700", [{"op": "uint32", "count": 700}]),  # crosses the 624-word regeneration
        ("double_5", [{"op": "double", "count": 5}]),
        ("rand_5", [{"op": "rand", "shape": [5]}]),
        ("rand_2x3", [{"op": "rand", "shape": [2, 3]}]),
        ("randn_7", [{"op": "randn", "shape": [7]}]),  # odd: one Gaussian stays cached
        ("randn_8", [{"op": "randn", "shape": [8]}]),
        ("randn_3x3", [{"op": "randn", "shape": [3, 3]}]),
        ("gauss_5", [{"op": "gauss", "count": 5}]),
        ("normal", [{"op": "normal", "loc": 1.5, "scale": 0.3, "shape": [3]},
                    {"op": "normal", "loc": -2.0, "scale": 0.0, "shape": [2, 2]},
                    {"op": "normal", "loc": 0.0, "scale": 10.0, "shape": [5]}]),
        ("uniform", [{"op": "uniform", "low": -2.0, "high": 3.0, "shape": [3]},
                     {"op": "uniform", "low": 5.0, "high": 5.0, "shape": [2]},
                     {"op": "uniform", "low": -1e-3, "high": 1e6, "shape": [2, 2]}]),
        ("permutation_small", [{"op": "permutation", "n": 0}, {"op": "permutation", "n": 1},
                               {"op": "permutation", "n": 2}, {"op": "permutation", "n": 10}]),
        ("permutation_1000", [{"op": "permutation", "n": 1000}]),
        ("shuffle_13", [{"op": "shuffle", "n": 13}]),
        ("interval", interval_steps),
        ("interleaved", [{"op": "randn", "shape": [3]}, {"op": "rand", "shape": [2]},
                         {"op": "randn", "shape": [3]}, {"op": "normal", "loc": 0.0, "scale": 1.0, "shape": [1]},
                         {"op": "permutation", "n": 5}, {"op": "randn", "shape": [1]},
                         {"op": "uniform", "low": 0.0, "high": 1.0, "shape": [2]}, {"op": "gauss", "count": 1},
                         {"op": "shuffle", "n": 4}, {"op": "randn", "shape": [2]}, {"op": "uint32", "count": 3},
                         {"op": "randn", "shape": [5]}]),
    ]


def record_rng():
    cases = []
    for seed in SEEDS:
        for name, steps in programs():
            rs = np.random.RandomState(seed)
            recorded = [dict(step, values=run_step(rs, step)) for step in steps]
            cases.append({"name": name, "seed": seed, "steps": recorded})
    return cases


def record_moons():
    combos = [(n, sh, nz, 42) for n in [1, 2, 3, 7, 100, 101] for sh in [True, False] for nz in [None, 0.2]]
    combos += [(200, True, 0.2, 42), (200, True, 0.2, 0), (150, True, 0.05, 12345), (100, True, 0.0, 7),
               (99, False, 0.3, 2**32 - 1), (1000, True, 0.1, 2**31 - 1), (64, True, None, 1)]
    cases = []
    for n, sh, nz, seed in combos:
        X, y = make_moons(n_samples=n, shuffle=sh, noise=nz, random_state=seed)
        cases.append({"n": n, "shuffle": sh, "noise": nz, "seed": seed, "X": X.tolist(), "y": y.tolist()})
    return cases


def record_circles():
    combos = [(n, sh, nz, 42, f) for n in [1, 2, 3, 7, 100, 101] for sh in [True, False]
              for nz in [None, 0.1] for f in [0.5, 0.8]]
    combos += [(100, True, 0.1, 0, 0.5), (200, True, 0.05, 0, 0.0), (250, False, 0.2, 2**32 - 1, 0.3),
               (1000, True, 0.08, 12345, 0.99), (64, True, None, 1, 0.8), (100, True, 0.0, 7, 0.6)]
    cases = []
    for n, sh, nz, seed, f in combos:
        X, y = make_circles(n_samples=n, shuffle=sh, noise=nz, random_state=seed, factor=f)
        cases.append({"n": n, "shuffle": sh, "noise": nz, "seed": seed, "factor": f,
                      "X": X.tolist(), "y": y.tolist()})
    return cases


def record_trig():
    """np.sin / np.cos on linspace grids like the datasets use, plus random arguments in [-10, 10]."""
    x = np.concatenate([np.linspace(0, np.pi, 101), np.linspace(0, 2 * np.pi, 100, endpoint=False),
                        np.random.RandomState(5).uniform(-10, 10, 200), [0.0, -0.0, 1e-9, -1e-9, 1e-300]])
    return {"x": x.tolist(), "sin": np.sin(x).tolist(), "cos": np.cos(x).tolist()}


def main():
    features = np.core._multiarray_umath.__cpu_features__
    out = {
        "about": "NumPy legacy RandomState draws and scikit-learn make_moons/make_circles, recorded exactly by "
                 "record_numpy_random.py.",
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "python": sys.version.split()[0],
        "cpu_simd": {"AVX512_SKX": bool(features.get("AVX512_SKX")), "AVX2": bool(features.get("AVX2"))},
        "rng": record_rng(),
        "moons": record_moons(),
        "circles": record_circles(),
        "trig": record_trig(),
    }
    path = os.path.join(HERE, "numpy-random.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path}: {len(out['rng'])} rng, {len(out['moons'])} moons, {len(out['circles'])} circles cases")


if __name__ == "__main__":
    main()
