#!/usr/bin/env python3
"""The PyTorch side of bench:search: a pairwise task-grouping search as a Python user would write it.

Proxy runs of every single task and every pair (a shared bottom and one tower per task, Adam),
for each seed, spread over --procs processes; each task's loss in a group of three or more is
estimated from its pairs (the mean of its pair losses); then the exact partition into at most
--budget groups that minimises the mean loss relative to training each task alone (dynamic
programming over task subsets).

A run trains max(--epochs, ceil(--min-steps / batches)) passes over its rows: the same schedule as
taskgroup's proxy runs (src/proxy/schedule.ts), so that with the same --min-steps both sides take
the same optimiser steps. It prints the steps a run took with its result.

bench/search.ts runs it with Debian's python3-torch on OpenBLAS, one thread a process:
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread OPENBLAS_NUM_THREADS=1 \
    /usr/bin/python3 bench/pytorch_search.py DATA.csv --tasks a,b,c[:regression] [--budget K]
    [--rows N] [--train-rows N] [--epochs E] [--min-steps S] [--seeds S] [--procs P]
    [--batch B] [--lr LR] [--bottom 128,64] [--tower 32]
Prints one JSON line: grouping, objective, transfer matrix, runs, stepsPerRun, elapsedSec.
"""
import argparse
import csv
import itertools
import json
import math
import multiprocessing
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402


def standardised(values):
    mean, sd = np.nanmean(values), np.nanstd(values) or 1.0
    return (np.nan_to_num(values, nan=mean) - mean) / sd


def numbers(cells):
    return np.array([float(c) if c != "" else np.nan for c in cells], dtype=np.float32)


def load(path, tasks, rows):
    """Features (numeric standardised, text one-hot), labels, label masks and task kinds."""
    with open(path) as f:
        reader = csv.reader(f)
        header = next(reader)
        columns = list(zip(*itertools.islice(reader, rows)))
    by_name = dict(zip(header, columns))
    features = []
    for name in header:
        if name in tasks:
            continue
        try:
            features.append(standardised(numbers(by_name[name]))[:, None])
        except ValueError:
            levels = sorted(set(by_name[name]))
            features.append(np.array([[c == lv for lv in levels] for c in by_name[name]]))
    labels, masks, kinds = [], [], []
    for name, given in tasks.items():
        y = numbers(by_name[name])
        known = ~np.isnan(y)
        kind = given or ("binary" if set(np.unique(y[known]).tolist()) <= {0.0, 1.0} else "regression")
        if kind == "regression":
            y = (y - y[known].mean()) / (y[known].std() or 1.0)
        labels.append(np.nan_to_num(y))
        masks.append(known.astype(np.float32))
        kinds.append(kind)
    x = np.concatenate(features, 1).astype(np.float32)
    return x, np.stack(labels, 1), np.stack(masks, 1), kinds


def steps_of(fit_rows, settings):
    """Batches a pass, and passes a run: taskgroup's schedule (at least min_steps steps)."""
    batches = max(1, math.ceil(fit_rows / settings["batch"]))
    return batches, max(settings["epochs"], math.ceil(settings["min_steps"] / batches))


def train(job):
    """One proxy run: trains the subset's network, returns each task's validation loss and its steps."""
    import torch
    import torch.nn as nn

    torch.set_num_threads(1)
    x, y, mask, kinds, subset, seed, settings = job
    train_rows = int(len(x) * 0.8)
    fit_rows = min(train_rows, settings["train_rows"]) if settings["train_rows"] else train_rows
    generator = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)

    def mlp(widths, logit):
        layers = []
        for a, b in zip(widths, widths[1:]):
            layers += [nn.Linear(a, b), nn.ReLU()]
        return nn.Sequential(*layers, *([nn.Linear(widths[-1], 1)] if logit else []))

    bottom = mlp([x.shape[1]] + settings["bottom"], False)
    towers = nn.ModuleList(mlp([settings["bottom"][-1]] + settings["tower"], True) for _ in subset)
    optimiser = torch.optim.Adam([*bottom.parameters(), *towers.parameters()], lr=settings["lr"])
    xs, ys, ms = (torch.from_numpy(a) for a in (x, y[:, subset], mask[:, subset]))

    def losses(rows):
        shared, labels, knowns = bottom(xs[rows]), ys[rows], ms[rows]
        out = []
        for k, task in enumerate(subset):
            logit, label, known = towers[k](shared)[:, 0], labels[:, k], knowns[:, k]
            if kinds[task] == "binary":
                loss = nn.functional.binary_cross_entropy_with_logits(logit, label, reduction="none")
            else:
                loss = (logit - label) ** 2
            out.append((loss * known).sum() / known.sum().clamp(min=1))
        return out

    batches, epochs = steps_of(fit_rows, settings)
    for _ in range(epochs):
        order = torch.randperm(fit_rows, generator=generator)
        for start in range(0, fit_rows, settings["batch"]):
            optimiser.zero_grad()
            sum(losses(order[start:start + settings["batch"]])).backward()
            optimiser.step()
    with torch.no_grad():
        return subset, seed, [float(v) for v in losses(slice(train_rows, None))], batches * epochs


def best_partition(n, cost, budget):
    """The partition of n tasks into at most `budget` groups of least total cost (DP over subsets)."""
    full = (1 << n) - 1
    infinity = float("inf")
    best = [0.0] + [infinity] * full  # with at most j groups, j growing
    choice = [[0] * (full + 1) for _ in range(budget + 1)]
    for j in range(1, budget + 1):
        previous, best = best, [0.0] + [infinity] * full
        for mask in range(1, full + 1):
            low = mask & -mask  # the group holding the lowest task of mask
            rest, sub = mask ^ low, mask ^ low
            while True:
                group = sub | low
                value = cost[group] + previous[mask ^ group]
                if value < best[mask]:
                    best[mask], choice[j][mask] = value, group
                if sub == 0:
                    break
                sub = (sub - 1) & rest
    groups, mask, j = [], full, budget
    while mask:
        group = choice[j][mask]
        groups.append([t for t in range(n) if group >> t & 1])
        mask, j = mask ^ group, j - 1
    return best[full], groups


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--tasks", required=True)
    parser.add_argument("--budget", type=int, default=0, help="most groups (0: one per task)")
    parser.add_argument("--rows", type=int, default=20000, help="rows read from the file")
    parser.add_argument("--train-rows", type=int, default=0, help="most rows a run trains on (0: all)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--min-steps", type=int, default=0, help="least optimiser steps a run")
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=1024)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--bottom", default="128,64")
    parser.add_argument("--tower", default="32")
    return parser.parse_args()


def main():
    args, started = arguments(), time.time()
    settings = {"batch": args.batch, "lr": args.lr, "epochs": args.epochs, "min_steps": args.min_steps,
                "bottom": [int(w) for w in args.bottom.split(",")],
                "tower": [int(w) for w in args.tower.split(",")], "train_rows": args.train_rows}
    tasks = dict((spec.split(":") + [None])[:2] for spec in args.tasks.split(","))
    names, n = list(tasks), len(tasks)
    x, y, mask, kinds = load(args.data, tasks, args.rows)
    subsets = [[i] for i in range(n)] + [list(p) for p in itertools.combinations(range(n), 2)]
    jobs = [(x, y, mask, kinds, s, seed, settings) for seed in range(args.seeds) for s in subsets]
    with multiprocessing.get_context("fork").Pool(args.procs) as pool:
        results = pool.map(train, jobs)
    seen = {}
    for subset, _, losses, _ in results:
        for task, loss in zip(subset, losses):
            seen.setdefault((task, tuple(subset)), []).append(loss)
    alone = [np.mean(seen[(i, (i,))]) for i in range(n)]
    pair = lambda i, j: np.mean(seen[(i, tuple(sorted((i, j))))])  # noqa: E731
    relative = lambda group, i: 1.0 if len(group) == 1 else (  # noqa: E731
        np.mean([pair(i, j) for j in group if j != i]) / alone[i])
    members = [[t for t in range(n) if m >> t & 1] for m in range(1 << n)]
    cost = [sum(relative(members[m], i) for i in members[m]) for m in range(1 << n)]
    total, groups = best_partition(n, cost, args.budget or n)
    print(json.dumps({
        "grouping": sorted(sorted(names[i] for i in g) for g in groups),
        "objective": round(float(total / n), 5),
        "tasks": names,
        "transfer": [[0.0 if i == j else round(1 - pair(i, j) / alone[i], 4) for j in range(n)]
                     for i in range(n)],
        "runs": len(jobs),
        "stepsPerRun": sorted({steps for *_, steps in results}),
        "elapsedSec": round(time.time() - started, 2),
    }))


if __name__ == "__main__":
    sys.exit(main())
