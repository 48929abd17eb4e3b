"""Records NumPy's legacy RandomState.randint and choice as exact fixtures for NumPyRandomState.RandInt / Choice.

Run with Debian's Python (numpy 1.24.2), from any directory:

    /usr/bin/python3 tests/AutoNet.Tests/Fixtures/numpy/record_numpy_sampling.py

It writes numpy-sampling.json next to itself. Each case is a program: a fresh numpy.random.RandomState(seed) runs
its steps in order on that one generator, so the draws of randint and choice are checked to stay in step with the
others (randn keeps a cached second Gaussian across a randint, as NumPy does). Step ops:
  randint(low, high, shape)         randint(low, high, size=shape) (int64; shape [] means size=None, a scalar)
  choice(n, size, replace, p)       choice(n, size=size, replace=replace, p=p); p null or a list of float64
  randn(shape) / rand(shape)        randn(*shape) / rand(*shape)
Integers are exact JSON integers (int64 values beyond 2**53 included); floats print as Python's repr, exact.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = [0, 1, 42, 12345, 2**31, 2**32 - 1]


def run_step(rs, step):
    op = step["op"]
    if op == "randint":
        shape = step["shape"]
        out = rs.randint(step["low"], step["high"], size=None if shape == [] else tuple(shape))
        return np.asarray(out, dtype=np.int64).ravel().tolist()
    if op == "choice":
        p = None if step["p"] is None else np.array(step["p"], dtype=np.float64)
        return rs.choice(step["n"], size=step["size"], replace=step["replace"], p=p).astype(np.int64).tolist()
    if op == "randn":
        return rs.randn(*step["shape"]).ravel().tolist()
    if op == "rand":
        return rs.rand(*step["shape"]).ravel().tolist()
    raise ValueError(op)


def randint(low, high, shape):
    return {"op": "randint", "low": low, "high": high, "shape": shape}


def choice(n, size, replace=True, p=None):
    return {"op": "choice", "n": n, "size": size, "replace": replace, "p": p}


def weights(values):
    """Probabilities proportional to values, normalised in float64 as a user would."""
    a = np.array(values, dtype=np.float64)
    return (a / a.sum()).tolist()


P5 = weights([1, 2, 3, 4, 5])
P_ZEROS = weights([0, 3, 0, 1, 2, 0, 4])          # zero entries are never drawn
P_SKEWED = weights([1000, 1, 1, 1, 1, 1, 1, 1])   # no-replace needs several rounds of rejection
P_ONE = [0.0, 0.0, 1.0, 0.0]
P_NOT_EXACT = [0.1] * 10                            # sums to 0.9999999999999999: within NumPy's tolerance


def programs():
    """(name, steps) pairs; every seed runs every program."""
    return [
        ("randint_small", [randint(0, 10, [7]), randint(-5, 5, [2, 3]), randint(3, 4, [4]), randint(0, 1000, [])]),
        ("randint_ranges", [randint(0, 2**31, [5]), randint(0, 2**32, [5]), randint(0, 2**32 + 1, [5]),
                            randint(-2**40, 2**40, [5]), randint(-2**63, 2**63 - 1, [5]),
                            randint(2**62, 2**63 - 1, [3]), randint(-7, -2, [3])]),
        ("randint_empty", [randint(0, 10, [0]), randint(0, 10, [2, 0]), randint(0, 10, [3])]),
        ("interleaved", [{"op": "randn", "shape": [3]}, randint(0, 100, [4]), {"op": "randn", "shape": [3]},
                         choice(10, 3), {"op": "rand", "shape": [2]}, choice(10, 3, p=P_NOT_EXACT),
                         {"op": "randn", "shape": [1]}, choice(6, 4, replace=False), {"op": "randn", "shape": [2]},
                         choice(5, 3, replace=False, p=P5), {"op": "rand", "shape": [1]}]),
        ("choice_replace", [choice(1, 4), choice(5, 20), choice(1000, 6), choice(2**31 - 1, 3), choice(7, 0)]),
        ("choice_replace_p", [choice(5, 20, p=P5), choice(7, 30, p=P_ZEROS), choice(4, 5, p=P_ONE),
                              choice(8, 10, p=P_SKEWED), choice(10, 10, p=P_NOT_EXACT)]),
        ("choice_no_replace", [choice(10, 10, replace=False), choice(10, 3, replace=False), choice(1, 1, replace=False),
                               choice(100, 5, replace=False), choice(5, 0, replace=False)]),
        ("choice_no_replace_p", [choice(5, 5, replace=False, p=P5), choice(7, 4, replace=False, p=P_ZEROS),
                                 choice(8, 6, replace=False, p=P_SKEWED), choice(4, 1, replace=False, p=P_ONE),
                                 choice(10, 7, replace=False, p=P_NOT_EXACT)]),
    ]


def main():
    cases = []
    for name, steps in programs():
        for seed in SEEDS:
            rs = np.random.RandomState(seed)
            cases.append({"name": name, "seed": seed,
                          "steps": [dict(step, values=run_step(rs, step)) for step in steps]})
    out = {"numpy_version": np.__version__, "cases": cases}
    path = os.path.join(HERE, "numpy-sampling.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()
