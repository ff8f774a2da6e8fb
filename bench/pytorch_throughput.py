#!/usr/bin/env python3
"""The PyTorch side of bench:train: training throughput of the reference model, one CPU thread.

The model of docs/proxy-training.md ("Throughput"), as a Python user would write it:
x[D] -> dense 128 relu -> dense 64 relu -> one tower per task (dense 32 relu -> dense 1);
loss = the sum over tasks of the mean binary cross-entropy; Adam, learning rate 1e-3.
For each task count, it trains on random data for about --seconds after a few warm-up steps and
prints one JSON line: samples per second of wall time and of process CPU time, steps, and the
first and last loss (a falling loss shows it trained).

bench/torchReference.ts runs it with Debian's python3-torch on OpenBLAS, one thread:
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread OPENBLAS_NUM_THREADS=1 \
    /usr/bin/python3 bench/pytorch_throughput.py [--tasks 4,12] [--batch 1024] [--dim 64] [--seconds 3]
"""
import argparse
import json
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import torch  # noqa: E402  (after the thread settings, which torch reads as it loads)
import torch.nn as nn  # noqa: E402

torch.set_num_threads(1)
WARM_UP_STEPS = 4
LEAST_STEPS = 5


class SharedBottom(nn.Module):
    """The reference model: a shared bottom and one tower per task, one logit each."""

    def __init__(self, dim, tasks):
        super().__init__()
        self.bottom = nn.Sequential(nn.Linear(dim, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU())
        self.towers = nn.ModuleList(
            nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 1)) for _ in range(tasks))

    def forward(self, x):
        shared = self.bottom(x)
        return torch.cat([tower(shared) for tower in self.towers], 1)


def flops_per_sample(dim, tasks):
    """Forward, weight gradients and input gradients (none for the first layer's input)."""
    forward = 2 * (dim * 128 + 128 * 64 + tasks * (64 * 32 + 32))
    return 3 * forward - 2 * dim * 128


def batches(dim, tasks, batch):
    """Random rows and labels of a random linear rule, cut into batches once (no copy per step)."""
    rows = max(16 * batch, 32768)
    x = torch.randn(rows, dim)
    y = (x @ (torch.randn(dim, tasks) / dim ** 0.5) > 0).float()
    return list(zip(x.split(batch), y.split(batch)))


def measure(dim, tasks, batch, seconds):
    torch.manual_seed(0)
    data = batches(dim, tasks, batch)
    model = SharedBottom(dim, tasks)
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_of = nn.BCEWithLogitsLoss()

    def step(i):
        x, y = data[i % len(data)]
        optimiser.zero_grad(set_to_none=True)
        loss = loss_of(model(x), y) * tasks  # the sum over tasks of each task's mean
        loss.backward()
        optimiser.step()
        return loss.item()

    first = step(0)
    for i in range(1, WARM_UP_STEPS + 1):
        step(i)
    wall0, cpu0, steps = time.perf_counter(), time.process_time(), 0
    while steps < LEAST_STEPS or time.perf_counter() - wall0 < seconds:
        last = step(steps)
        steps += 1
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    samples = steps * batch
    return {
        "impl": "pytorch-" + torch.__version__, "dim": dim, "tasks": tasks, "batch": batch,
        "steps": steps, "samplesPerSec": round(samples / wall),
        "cpuSamplesPerSec": round(samples / cpu),
        "gflops": round(samples * flops_per_sample(dim, tasks) / cpu / 1e9, 2),
        "lossFirst": round(first, 4), "lossLast": round(last, 4),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default="4,12", help="task counts, comma-separated")
    parser.add_argument("--batch", type=int, default=1024)
    parser.add_argument("--dim", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    for tasks in (int(t) for t in args.tasks.split(",")):
        print(json.dumps(measure(args.dim, tasks, args.batch, args.seconds)), flush=True)


if __name__ == "__main__":
    main()
