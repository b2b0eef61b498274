#!/usr/bin/env python3
"""Reference statistics of PyEPO's synthetic data, for taskmet's distributional-equivalence tests.

Java cannot reproduce numpy's RandomState stream, so taskmet's `shortest-path` and `knapsack` generators are
checked in distribution: this script draws data with numpy exactly as PyEPO's `pyepo.data.shortestpath.genData`
and `pyepo.data.knapsack.genData` do (RandomState(seed); draw order weights, B, x, noise; the formulas of
pyepo/data/*.py), solves every sample with SciPy's HiGHS (linprog for the shortest-path LP, milp for the
knapsack), and writes pooled statistics with their between-data-set standard errors to
taskmet-tasks/src/test/resources/org/taskmet/tasks/pyepo/pyepo-reference.json.

Run (numpy and scipy installed; about two minutes):
    python3 taskmet-tasks/src/test/python/pyepo_reference.py
"""
import json
import os

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

DATASETS = 100          # data sets (seeds 0..99), each with its own B (and knapsack weights)
SAMPLES = 100           # samples per data set
QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]


def shortest_path_data(n, p, grid, deg, noise_width, seed):
    rnd = np.random.RandomState(seed)
    d = (grid[0] - 1) * grid[1] + (grid[1] - 1) * grid[0]
    B = rnd.binomial(1, 0.5, (d, p))
    x = rnd.normal(0, 1, (n, p))
    c = (x @ B.T / np.sqrt(p) + 3) ** deg + 1
    c /= 3.5 ** deg
    c *= rnd.uniform(1 - noise_width, 1 + noise_width, (n, d))
    return x, c.astype(np.float32)


def knapsack_data(n, p, m, dim, deg, noise_width, seed):
    rnd = np.random.RandomState(seed)
    weights = rnd.choice(range(300, 800), size=(dim, m)) / 100
    B = rnd.binomial(1, 0.5, (m, p))
    x = rnd.normal(0, 1, (n, p))
    c = (x @ B.T / np.sqrt(p) + 3) ** deg + 1
    c *= 5
    c /= 3.5 ** deg
    c *= rnd.uniform(1 - noise_width, 1 + noise_width, (n, m))
    return weights, x, np.ceil(c).astype(np.float32)


def grid_arcs(h, w):
    """PyEPO's arc order: each row's east arcs, then (except the last row) its south arcs."""
    arcs = []
    for i in range(h):
        for j in range(w - 1):
            arcs.append((i * w + j, i * w + j + 1))
        if i < h - 1:
            for j in range(w):
                arcs.append((i * w + j, i * w + j + w))
    return arcs


def shortest_path_optimum(cost, h, w):
    arcs = grid_arcs(h, w)
    nodes = h * w
    a = np.zeros((nodes, len(arcs)))
    for k, (u, v) in enumerate(arcs):
        a[v, k] += 1
        a[u, k] -= 1
    b = np.zeros(nodes)
    b[0], b[-1] = -1, 1
    res = linprog(cost, A_eq=a, b_eq=b, bounds=(0, 1), method="highs")
    assert res.status == 0, res.message
    return res.fun


def knapsack_optimum(values, weights, caps):
    res = milp(c=-values, constraints=LinearConstraint(weights, -np.inf, caps),
               integrality=np.ones(len(values)), bounds=Bounds(0, 1))
    assert res.status == 0, res.message
    return -res.fun


def pooled(stat, per_set):
    """A pooled statistic and the standard error of its between-data-set variation."""
    per_set = np.asarray(per_set, dtype=float)
    return {"value": float(stat), "se": float(per_set.std(ddof=1) / np.sqrt(len(per_set)))}


def describe(costs, optima):
    flat = np.concatenate([c.ravel() for c in costs]).astype(float)
    out = {
        "mean": pooled(flat.mean(), [c.mean() for c in costs]),
        "std": pooled(flat.std(), [c.std() for c in costs]),
        "meanOptimalObjective": pooled(np.mean(np.concatenate(optima)), [np.mean(o) for o in optima]),
        "quantiles": {},
    }
    out["cdf"] = []
    for q in QUANTILES:
        out["quantiles"][str(q)] = pooled(np.quantile(flat, q), [np.quantile(c.astype(float), q) for c in costs])
    # the distribution function at the pooled quantiles: comparable for discrete (knapsack) values too
    for t in sorted(set(float(np.quantile(flat, q)) for q in QUANTILES)):
        out["cdf"].append({"at": t, **pooled(np.mean(flat <= t), [np.mean(c.astype(float) <= t) for c in costs])})
    return out


def shortest_path_case(deg, noise_width, grid=(5, 5), p=5):
    costs, optima = [], []
    for seed in range(DATASETS):
        _, c = shortest_path_data(SAMPLES, p, grid, deg, noise_width, seed)
        costs.append(c)
        optima.append(np.array([shortest_path_optimum(c[i].astype(float), *grid) for i in range(SAMPLES)]))
    return {"task": "shortest-path", "grid": list(grid), "num_feat": p, "deg": deg, "noise_width": noise_width,
            **describe(costs, optima)}


def knapsack_case(deg, noise_width, m=16, dim=2, cap=20, p=5):
    costs, optima = [], []
    for seed in range(DATASETS):
        weights, _, c = knapsack_data(SAMPLES, p, m, dim, deg, noise_width, seed)
        costs.append(c)
        caps = np.full(dim, cap, dtype=float)
        optima.append(np.array([knapsack_optimum(c[i].astype(float), weights, caps) for i in range(SAMPLES)]))
    return {"task": "knapsack", "num_items": m, "dim": dim, "capacity": cap, "num_feat": p, "deg": deg,
            "noise_width": noise_width, **describe(costs, optima)}


def main():
    cases = {
        "sp-deg1-noise0": shortest_path_case(1, 0.0),
        "sp-deg4-noise0.5": shortest_path_case(4, 0.5),
        "sp-deg6-noise0.5": shortest_path_case(6, 0.5),
        "ks-deg6-noise0.5": knapsack_case(6, 0.5),
        "ks-deg1-noise0": knapsack_case(1, 0.0),
    }
    doc = {"generatedBy": "taskmet-tasks/src/test/python/pyepo_reference.py", "numpy": np.__version__,
           "datasets": DATASETS, "samplesPerDataset": SAMPLES, "cases": cases}
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "resources", "org", "taskmet", "tasks", "pyepo", "pyepo-reference.json")
    with open(target, "w") as f:
        json.dump(doc, f, indent=2, sort_keys=True)
        f.write("\n")
    print("wrote", os.path.normpath(target))


if __name__ == "__main__":
    main()
