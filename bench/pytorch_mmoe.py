#!/usr/bin/env python3
"""PyTorch MMoE reference for proxy-training throughput (what a Python user would write).

Trains an MMoE (Ma et al., KDD 2018) on random data, one CPU thread, and prints one JSON line per
configuration: samples per second of wall time and of process CPU time.

Model: E experts, each x[D] -> dense 128 relu -> dense 64 relu; per task a gate, softmax(x W_t + c_t)
over the experts; task t's tower reads sum_e g_te * expert_e(x): dense 32 relu -> dense 1.
loss = sum over tasks of the mean binary cross-entropy; Adam(lr=1e-3).

  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread OPENBLAS_NUM_THREADS=1 \
    /usr/bin/python3 pytorch_mmoe.py [--tasks 4,12] [--experts 4] [--batch 1024] [--dim 64] [--seconds 3]
"""
import argparse, json, os, time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import torch
import torch.nn as nn

torch.set_num_threads(1)


class MMoE(nn.Module):
    def __init__(self, dim, tasks, experts):
        super().__init__()
        self.experts = nn.ModuleList(
            [nn.Sequential(nn.Linear(dim, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU())
             for _ in range(experts)])
        self.gates = nn.ModuleList([nn.Linear(dim, experts) for _ in range(tasks)])
        self.towers = nn.ModuleList(
            [nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 1)) for _ in range(tasks)])

    def forward(self, x):
        e = torch.stack([expert(x) for expert in self.experts], 1)  # batch x E x 64
        outs = []
        for gate, tower in zip(self.gates, self.towers):
            g = torch.softmax(gate(x), 1).unsqueeze(2)  # batch x E x 1
            outs.append(tower((g * e).sum(1)))
        return torch.cat(outs, 1)


def flops_per_sample(dim, tasks, experts):
    experts_fwd = experts * (dim * 128 + 128 * 64)
    gates_fwd = tasks * dim * experts
    towers_fwd = tasks * (64 * 32 + 32)
    forward = 2 * (experts_fwd + gates_fwd + towers_fwd)
    # forward + weight grads + input grads (none for the layers that read x)
    return 3 * forward - 2 * (experts * dim * 128 + gates_fwd)


def measure(dim, tasks, experts, batch, seconds):
    torch.manual_seed(0)
    rows = max(16 * batch, 32768)
    x = torch.randn(rows, dim)
    y = (x @ (torch.randn(dim, tasks) / dim ** 0.5) > 0).float()
    xs, ys = list(x.split(batch)), list(y.split(batch))
    model = MMoE(dim, tasks, experts)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    bce = nn.BCEWithLogitsLoss()

    def step(i):
        xb, yb = xs[i % len(xs)], ys[i % len(ys)]
        opt.zero_grad(set_to_none=True)
        loss = bce(model(xb), yb) * tasks
        loss.backward()
        opt.step()
        return loss.item()

    first = step(0)
    for i in range(1, 5):
        step(i)
    wall0, cpu0, steps = time.perf_counter(), time.process_time(), 0
    while steps < 5 or time.perf_counter() - wall0 < seconds:
        last = step(steps)
        steps += 1
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    return {
        "impl": "pytorch-" + torch.__version__ + "-mmoe", "dim": dim, "tasks": tasks,
        "experts": experts, "batch": batch, "steps": steps,
        "samplesPerSec": round(steps * batch / wall),
        "cpuSamplesPerSec": round(steps * batch / cpu),
        "gflops": round(steps * batch * flops_per_sample(dim, tasks, experts) / cpu / 1e9, 2),
        "lossFirst": round(first, 4), "lossLast": round(last, 4),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", default="4,12")
    ap.add_argument("--experts", type=int, default=4)
    ap.add_argument("--batch", default="1024")
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=3.0)
    a = ap.parse_args()
    for t in [int(v) for v in a.tasks.split(",")]:
        for b in [int(v) for v in a.batch.split(",")]:
            print(json.dumps(measure(a.dim, t, a.experts, b, a.seconds)), flush=True)


if __name__ == "__main__":
    main()
